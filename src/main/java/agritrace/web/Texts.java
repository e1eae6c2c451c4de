package agritrace.web;

import agritrace.http.Message;
import agritrace.http.Messages;
import agritrace.http.Messages.Language;

/**
 * The message catalogue as public page templates read it, as {@code t}: every text in Chinese
 * first ({@code t.zh('code')}) and English second ({@code t.en('code')}); a message with
 * arguments through {@code t.zhOf(message)} and {@code t.enOf(message)}. Templates hold no words.
 */
public final class Texts {

  static final Texts INSTANCE = new Texts();

  private Texts() {
  }

  public String zh(String code) {
    return Messages.render(Message.of(code), Language.ZH);
  }

  public String en(String code) {
    return Messages.render(Message.of(code), Language.EN);
  }

  public String zhOf(Message message) {
    return Messages.render(message, Language.ZH);
  }

  public String enOf(Message message) {
    return Messages.render(message, Language.EN);
  }
}
