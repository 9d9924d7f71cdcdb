import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/** The pdfkit document type, named once for the PDF modules. */
export type Pdf = InstanceType<typeof PDFDocument>;

export const PAGE = {
  width: 595.28,
  height: 841.89,
  margin: 42,
  get contentWidth(): number {
    return this.width - 2 * this.margin;
  },
  get bottom(): number {
    return this.height - this.margin - 18;
  },
};

export const COLORS = {
  text: '#1b1f24',
  muted: '#5b6470',
  rule: '#c9ced6',
  band: '#f2f4f7',
  gain: '#1a7f37',
  loss: '#c62828',
  equity: '#1f5fbf',
  paper: '#8a5a00',
  live: '#b00020',
};

export interface PdfFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

let cachedFonts: PdfFonts | undefined;

/**
 * DejaVu Sans from the dejavu-fonts-ttf package: embedded (subset) in every PDF, so text is
 * selectable and renders the same on every machine, with glyphs standard PDF fonts lack (–, ∞).
 */
export function defaultFonts(): PdfFonts {
  if (cachedFonts === undefined) {
    const require = createRequire(import.meta.url);
    cachedFonts = {
      regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return cachedFonts;
}

/**
 * A new A4 document. The creation date is the report's generation time (from the injected
 * clock), so the same report renders to the same bytes.
 */
export function newPdf(title: string, createdAt: number, fonts: PdfFonts): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    // Pages are written out as they are finished (not all at the end in one long stall).
    bufferPages: false,
    autoFirstPage: true,
    info: {
      Title: title,
      Author: 'Vigil',
      Creator: 'Vigil reports',
      Producer: 'Vigil (pdfkit)',
      CreationDate: new Date(createdAt),
      ModDate: new Date(createdAt),
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular').fillColor(COLORS.text);
  return doc;
}

/** Collects a finished document into one buffer. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
