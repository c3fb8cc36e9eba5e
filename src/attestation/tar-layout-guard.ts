/**
 * A strict check of a bundle's tar layout, run on the raw bytes just before tar-stream parses them.
 * tar-stream is a lenient reader: it skips zero blocks and carries on after the end-of-archive
 * marker, ignores the bytes that pad a member to 512, and tolerates several spellings of a
 * header's numbers. Each of those is a place where `tar -x` and the verifier could see different
 * files, or where a changed byte would go unnoticed. iotassure writes exactly one layout (tar-stream's
 * POSIX ustar), so this guard accepts exactly that: every header checksummed and spelled as
 * written, only regular files and pax path headers, zero padding, and after the end marker
 * nothing but zeros. With it, changing any byte of a bundle makes verification fail.
 */
import { LIMITS } from './bundle-format.js';
import { refuse } from './bundle-problem.js';

const BLOCK = 512;
const ZEROS = Buffer.alloc(64 * 1024);
const USTAR = Buffer.from('ustar\u000000', 'latin1');
/** A pax header of a path of LIMITS.nameBytes is a little over that; tar-stream allows 4 MB. */
const MAX_PAX_BYTES = 4 * LIMITS.nameBytes;

const TYPE_NAMES: Record<string, string> = {
  '\u0000': 'an old-style file entry',
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '5': 'a folder entry',
  '6': 'a FIFO',
  '7': 'a contiguous file',
  g: 'a global extended header',
  K: 'a GNU long link name',
  L: 'a GNU long name',
};

const roundUp = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

function allZero(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += ZEROS.length) {
    const stop = Math.min(end, i + ZEROS.length);
    if (!buffer.subarray(i, stop).equals(ZEROS.subarray(0, stop - i))) return false;
  }
  return true;
}

function cString(buffer: Buffer, start: number, length: number): string {
  const field = buffer.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

export class TarLayoutGuard {
  /** Bytes seen so far: the position of the next byte fed. */
  private offset = 0;
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** The member whose data is passing, and where its data and then its padding end. */
  private member: string | null = null;
  private dataEnd = 0;
  private nextHeader = 0;
  private paxPending = false;
  /** The data of a pending pax header, kept only to name its file in messages. */
  private paxData: Buffer[] = [];
  /** Where the first all-zero header block (the end-of-archive marker) starts. */
  private endAt: number | null = null;

  /** @param bundleSize the size of the whole bundle file, so that no header can declare more. */
  constructor(private readonly bundleSize: number) {}

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      const left = chunk.length - i;
      let n: number;
      if (this.endAt !== null) {
        n = left;
        if (!allZero(chunk, i, chunk.length))
          throw refuse(null, `there are data after the end-of-archive marker (at byte ${this.endAt})`);
      } else if (this.offset < this.dataEnd) {
        n = Math.min(this.dataEnd - this.offset, left);
        if (this.paxPending) this.paxData.push(Buffer.from(chunk.subarray(i, i + n)));
      } else if (this.offset < this.nextHeader) {
        n = Math.min(this.nextHeader - this.offset, left);
        if (!allZero(chunk, i, i + n))
          throw refuse(this.member, 'the padding after its data is not zero: the bundle was changed');
      } else {
        n = Math.min(BLOCK - this.headerFill, left);
        chunk.copy(this.header, this.headerFill, i, i + n);
        this.headerFill += n;
      }
      i += n;
      this.offset += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.onHeader(this.offset - BLOCK);
      }
    }
  }

  /** Call at the end of the input: refuses a bundle that stops early. */
  finish(): void {
    if (this.offset === 0) throw refuse(null, 'the file is empty');
    if (this.endAt === null) {
      const inside = this.headerFill > 0 || this.offset < this.nextHeader;
      throw refuse(
        inside ? this.member : null,
        inside
          ? 'the bundle ends in the middle of this member: it is truncated'
          : 'the bundle has no end-of-archive marker: it is truncated',
      );
    }
    const tail = this.offset - this.endAt;
    if (tail < 2 * BLOCK || tail % BLOCK !== 0)
      throw refuse(null, 'the end-of-archive marker is incomplete: the bundle is truncated');
  }

  private onHeader(start: number): void {
    const h = this.header;
    if (allZero(h, 0, BLOCK)) {
      if (this.paxPending) throw refuse(this.member, 'an extended header is not followed by a file');
      this.endAt = start;
      return;
    }
    const where = start === 0 ? 'the first header' : `the header at byte ${start}`;
    if (start === 0 && h[0] === 0x1f && h[1] === 0x8b)
      throw refuse(null, 'it is gzip-compressed; a bundle is a plain tar file (gunzip it first)');
    const checksum = this.checksum();
    if (checksum !== 'valid') {
      if (start === 0 && checksum === 'invalid')
        throw refuse(null, 'it is not a tar file (the first 512 bytes are not a valid tar header)');
      throw refuse(
        null,
        checksum === 'respelled'
          ? `${where} is not written as iotassure writes tar headers: was the bundle unpacked and packed again with another tool?`
          : `${where}${this.member ? ` (after ${this.member})` : ''} is damaged: its checksum does not match — the bundle was changed or truncated`,
      );
    }
    if (!h.subarray(257, 265).equals(USTAR))
      throw refuse(null, `${where} is not a POSIX ustar header (iotassure writes ustar)`);
    const prefix = cString(h, 345, 155);
    const base = cString(h, 0, 100);
    const paxPath = this.paxPending
      ? /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.concat(this.paxData).toString('utf8'))?.[1]
      : undefined;
    this.paxData = [];
    const name = paxPath ?? (prefix ? `${prefix}/${base}` : base);
    const type = String.fromCharCode(h[156] ?? 0);
    const sizeField = h.subarray(124, 136).toString('latin1');
    if (!/^[0-7]{11}[ \u0000]$/.test(sizeField))
      throw refuse(name, 'its size is not written as iotassure writes it (11 octal digits)');
    const size = Number.parseInt(sizeField.slice(0, 11), 8);
    if (type === 'x') {
      if (this.paxPending) throw refuse(name, 'two extended headers in a row');
      if (size > MAX_PAX_BYTES) throw refuse(name, `an extended header of ${size} bytes is too large`);
    } else if (type !== '0') {
      const linked = type === '1' || type === '2' ? ` (to "${cString(h, 157, 100)}")` : '';
      throw refuse(
        name,
        `it is ${TYPE_NAMES[type] ?? `an entry of unknown type "${type}"`}${linked}; a bundle holds regular files only`,
      );
    }
    if (start + BLOCK + size > this.bundleSize)
      throw refuse(
        name,
        `it declares ${size} bytes, more than the rest of the bundle file (${this.bundleSize} bytes in all)`,
      );
    this.member = name;
    this.paxPending = type === 'x';
    this.dataEnd = start + BLOCK + size;
    this.nextHeader = start + BLOCK + roundUp(size);
  }

  /**
   * The POSIX checksum. Valid only spelled exactly as tar-stream writes it (six octal digits, space,
   * NUL): readers ignore the last two bytes, so any other spelling would let them change unnoticed.
   */
  private checksum(): 'valid' | 'respelled' | 'invalid' {
    const field = this.header.subarray(148, 156).toString('latin1');
    let sum = 8 * 0x20; // the checksum field counts as eight spaces
    for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += this.header[i] ?? 0;
    if (/^[0-7]{6} \u0000$/.test(field))
      return sum === Number.parseInt(field.slice(0, 6), 8) ? 'valid' : 'invalid';
    const digits = /^[ \u0000]*([0-7]{1,7})[ \u0000]*$/.exec(field)?.[1];
    return digits !== undefined && Number.parseInt(digits, 8) === sum ? 'respelled' : 'invalid';
  }
}
