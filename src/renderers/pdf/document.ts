/// <reference types="pdfkit" />
/**
 * The pdfkit document type, named once. pdfkit is loaded only when a PDF is rendered (see
 * pdf-renderer.ts), so the layout modules refer to its types and never import its code.
 */
export type PdfDocument = PDFKit.PDFDocument;
export type PdfOutline = PDFKit.PDFOutline;
