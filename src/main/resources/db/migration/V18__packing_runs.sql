-- Packaging and labels (有包装标识). Products gain an optional GTIN (stored as GTIN-14, unique per
-- producer among its products as they now stand: checked under the producer's product lock) and
-- a net content; the rows of earlier versions keep null.
ALTER TABLE products ADD COLUMN gtin text CHECK (gtin ~ '^[0-9]{14}$');
ALTER TABLE products ADD COLUMN net_quantity numeric CHECK (net_quantity > 0);
ALTER TABLE products ADD COLUMN net_unit text;
ALTER TABLE products ADD CONSTRAINT products_net_content CHECK ((net_quantity IS NULL) = (net_unit IS NULL));
