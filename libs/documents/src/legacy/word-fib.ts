/** What the text extraction needs from a Word 97-2003 File Information Block ([MS-DOC] 2.5.1). */
export interface Fib {
  nFib: number;
  encrypted: boolean;
  /** Which table stream holds the piece table: `1Table` or `0Table`. */
  tableStream: '0Table' | '1Table';
  /** Character counts of the stories, in the order they follow each other in the text. */
  ccp: { text: number; ftn: number; hdd: number; mcr: number; atn: number; edn: number; txbx: number; hdrTxbx: number };
  /** fc/lcb pairs of the table stream structures read. */
  clx: FcLcb;
  plcfHdd: FcLcb;
  plcfandRef: FcLcb;
  plcfandTxt: FcLcb;
  grpXstAtnOwners: FcLcb;
}

export interface FcLcb {
  fc: number;
  lcb: number;
}

/** The FIB could not be read: not a Word 97+ file, or cut short. */
export class FibError extends Error {}

export const WORD_IDENT = 0xa5ec;
/** Word 97's nFib; Word 6 and 95 wrote 101–104 and a different FIB. */
export const NFIB_WORD97 = 0xc1;

// Indexes of fc/lcb pairs in FibRgFcLcb97.
const PLCF_AND_REF = 4;
const PLCF_AND_TXT = 5;
const PLCF_HDD = 11;
const CLX = 33;
const GRP_XST_ATN_OWNERS = 36;

export function readFib(word: Uint8Array): Fib {
  const v = new DataView(word.buffer, word.byteOffset, word.byteLength);
  const u16 = (at: number): number => {
    if (at + 2 > word.length) throw new FibError('FIB cut short');
    return v.getUint16(at, true);
  };
  const u32 = (at: number): number => {
    if (at + 4 > word.length) throw new FibError('FIB cut short');
    return v.getUint32(at, true);
  };
  if (u16(0) !== WORD_IDENT) throw new FibError('WordDocument stream does not start with a FIB');
  const nFib = u16(2);
  const flags = u16(0x0a);
  const csw = u16(0x20);
  const lw = 0x22 + csw * 2 + 2;
  const cslw = u16(lw - 2);
  const fcLcb = lw + cslw * 4 + 2;
  const cbRgFcLcb = u16(fcLcb - 2);
  const ccp = (k: number): number => (k < cslw ? u32(lw + k * 4) : 0);
  const pair = (k: number): FcLcb => (k < cbRgFcLcb ? { fc: u32(fcLcb + k * 8), lcb: u32(fcLcb + k * 8 + 4) } : { fc: 0, lcb: 0 });
  return {
    nFib,
    // fObfuscated (XOR) files are also behind a password.
    encrypted: (flags & 0x0100) !== 0 || (flags & 0x8000) !== 0,
    tableStream: (flags & 0x0200) !== 0 ? '1Table' : '0Table',
    ccp: { text: ccp(3), ftn: ccp(4), hdd: ccp(5), mcr: ccp(6), atn: ccp(7), edn: ccp(8), txbx: ccp(9), hdrTxbx: ccp(10) },
    clx: pair(CLX),
    plcfHdd: pair(PLCF_HDD),
    plcfandRef: pair(PLCF_AND_REF),
    plcfandTxt: pair(PLCF_AND_TXT),
    grpXstAtnOwners: pair(GRP_XST_ATN_OWNERS),
  };
}

/** The flags word of the FIB, readable even when the rest is encrypted (the FibBase never is). */
export function isEncryptedWord(word: Uint8Array): boolean {
  if (word.length < 0x0c) return false;
  const flags = word[0x0a] | (word[0x0b] << 8);
  return (flags & 0x0100) !== 0 || (flags & 0x8000) !== 0;
}
