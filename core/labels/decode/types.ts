/** What a printer would print from a byte stream: its texts (fields or lines) and barcodes with their values. */
export interface DecodedPrint {
  texts: string[];
  barcodes: { type: string; value: string }[];
}
