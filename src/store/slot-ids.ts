/** A lowercase UUID as `randomUUID` writes it: what nearly every record id is. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Where the 32 hex digits sit in the 36 characters. */
const DIGITS = [
  0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
];
const HEX = '0123456789abcdef';

const enum Kind {
  Free = 0,
  Packed = 1,
  Text = 2,
}

function nibble(code: number): number {
  return code <= 57 ? code - 48 : code - 87;
}

/**
 * The id of each slot of a table. A UUID is kept as its 16 bytes rather than as a 36-character string (about
 * 56 bytes on the V8 heap, plus the array's pointer): at 100,000 relationships the store holds over half a
 * million ids, and as strings they were its largest part in memory. Other ids (composite user and conversation
 * keys, the demo world's names) stay strings. Packed bytes compare in the same order as their strings.
 */
export class SlotIds {
  private kinds = new Uint8Array(256);
  private bytes = new Uint8Array(256 * 16);
  private readonly texts = new Map<number, string>();
  private length = 0;

  /** Slots held, free ones included. */
  get size(): number {
    return this.length;
  }

  get(slot: number): string | null {
    switch (this.kinds[slot]) {
      case Kind.Packed: {
        let text = '';
        const at = slot * 16;
        for (let i = 0; i < 16; i++) {
          if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
          const byte = this.bytes[at + i]!;
          text += HEX[byte >> 4]! + HEX[byte & 15]!;
        }
        return text;
      }
      case Kind.Text:
        return this.texts.get(slot)!;
      default:
        return null;
    }
  }

  set(slot: number, id: string | null): void {
    this.grow(slot + 1);
    if (slot >= this.length) this.length = slot + 1;
    this.texts.delete(slot);
    if (id === null) {
      this.kinds[slot] = Kind.Free;
    } else if (UUID.test(id)) {
      this.kinds[slot] = Kind.Packed;
      const at = slot * 16;
      for (let i = 0; i < 16; i++)
        this.bytes[at + i] = (nibble(id.charCodeAt(DIGITS[2 * i]!)) << 4) | nibble(id.charCodeAt(DIGITS[2 * i + 1]!));
    } else {
      this.kinds[slot] = Kind.Text;
      this.texts.set(slot, id);
    }
  }

  /** Whether slot holds `id`, without making its string. */
  holds(slot: number, id: string): boolean {
    switch (this.kinds[slot]) {
      case Kind.Packed: {
        if (id.length !== 36) return false;
        const at = slot * 16;
        for (let i = 0; i < 16; i++) {
          const byte = this.bytes[at + i]!;
          if (id.charCodeAt(DIGITS[2 * i]!) !== HEX.charCodeAt(byte >> 4)) return false;
          if (id.charCodeAt(DIGITS[2 * i + 1]!) !== HEX.charCodeAt(byte & 15)) return false;
        }
        return true;
      }
      case Kind.Text:
        return this.texts.get(slot) === id;
      default:
        return false;
    }
  }

  /** -1, 0 or 1 as the two slots' ids compare as strings (both must hold one). */
  compare(a: number, b: number): number {
    if (this.kinds[a] === Kind.Packed && this.kinds[b] === Kind.Packed) {
      for (let i = 0; i < 16; i++) {
        const d = this.bytes[a * 16 + i]! - this.bytes[b * 16 + i]!;
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      return 0;
    }
    const [x, y] = [this.get(a)!, this.get(b)!];
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private grow(needed: number): void {
    if (needed <= this.kinds.length) return;
    const capacity = Math.max(needed, this.kinds.length * 2);
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    const bytes = new Uint8Array(capacity * 16);
    bytes.set(this.bytes);
    [this.kinds, this.bytes] = [kinds, bytes];
  }
}
