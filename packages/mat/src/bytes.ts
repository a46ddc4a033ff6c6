import { DataFormatError, type DataLocation } from '@backprop/data';

/**
 * Bounds-checked reads from a byte range, in a fixed byte order. Every read that would run past
 * `end` throws a DataFormatError('TRUNCATED') naming the offset — never a RangeError.
 * Offsets in errors are reported relative to `origin` (the start of the file, or of a variable's
 * inflated bytes).
 */
export class ByteReader {
  readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
    readonly loc: DataLocation,
    readonly origin = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless [offset, offset + size) lies inside the bytes. */
  need(offset: number, size: number, what: string): void {
    if (!(offset >= 0 && size >= 0 && offset + size <= this.bytes.length)) {
      throw new DataFormatError('TRUNCATED', `${what} needs ${size} bytes but the data ends`, {
        ...this.loc,
        offset: this.origin + offset,
        expected: `${offset + size} bytes`,
        actual: `${this.bytes.length}`,
      });
    }
  }

  u8(offset: number, what: string): number {
    this.need(offset, 1, what);
    return this.bytes[offset]!;
  }

  u16(offset: number, what: string): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number, what: string): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset, this.littleEndian);
  }

  i32(offset: number, what: string): number {
    this.need(offset, 4, what);
    return this.view.getInt32(offset, this.littleEndian);
  }

  /** A DataFormatError at `offset` (relative to this reader), with this reader's file and variable. */
  error(
    code: ConstructorParameters<typeof DataFormatError>[0],
    problem: string,
    offset: number,
    extra: DataLocation = {},
  ): DataFormatError {
    return new DataFormatError(code, problem, {
      ...this.loc,
      offset: this.origin + offset,
      ...extra,
    });
  }
}
