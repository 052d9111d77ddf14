/** A paragraph of a Word 97-2003 story: its shown text, and the field instructions it holds. */
export interface BinaryParagraph {
  text: string;
  instructions: string[];
}

const FIELD_BEGIN = 0x13;
const FIELD_SEPARATOR = 0x14;
const FIELD_END = 0x15;

/**
 * Splits story text into paragraphs: ends at a paragraph mark (\r), a cell or row end (\x07) or a page/section
 * break (\x0c). Field instructions (between 0x13 and 0x14) are kept apart so they do not break the shown text;
 * the other control characters (pictures, note references, drawn objects) stand for no text.
 */
export function splitParagraphs(story: string): BinaryParagraph[] {
  const out: BinaryParagraph[] = [];
  let text = '';
  let instructions: string[] = [];
  // One entry per open field: true while in its instruction.
  const fields: { inInstruction: boolean; instruction: string }[] = [];
  const end = (): void => {
    out.push({ text, instructions });
    text = '';
    instructions = [];
  };
  for (const ch of story) {
    const c = ch.charCodeAt(0);
    const field = fields[fields.length - 1];
    if (c === FIELD_BEGIN) {
      fields.push({ inInstruction: true, instruction: '' });
    } else if (c === FIELD_SEPARATOR || c === FIELD_END) {
      if (field?.inInstruction) {
        field.inInstruction = false;
        instructions.push(field.instruction);
      }
      if (c === FIELD_END) fields.pop();
    } else if (field?.inInstruction) {
      if (c >= 0x20 || c === 0x09) field.instruction += ch;
    } else if (c === 0x0d || c === 0x07 || c === 0x0c) {
      end();
    } else if (c === 0x0b) {
      text += '\n';
    } else if (c === 0x09) {
      text += '\t';
    } else if (c === 0x1e) {
      text += '-';
    } else if (c >= 0x20) {
      text += ch;
    }
  }
  if (text || instructions.length > 0) end();
  return out;
}
