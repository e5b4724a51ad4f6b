// Text whose characters are a UTF-8 file's bytes, one character per byte (a block of the file viewed
// as Latin-1). Viewing a block costs a copy, where decoding it costs some four times as much (200 MB:
// ~30 against ~190 ms); the parser finds tabs, compares a line with the last and reads amounts and
// dates in it all the same, since every byte below 0x80 is its own character in UTF-8. Only a field
// that holds bytes from 0x80 up (a multi-byte character) must be decoded before it is handed on: the
// block was checked to be valid UTF-8, and a field, cut at tabs, is valid UTF-8 on its own.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** text[start, end) holds a byte from 0x80 up: a multi-byte character, to be decoded. */
export function holdsMultiByte(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 0x80) return true;
  return false;
}

const MULTI_BYTE = /[\x80-\xff]/;

/** The characters the UTF-8 bytes in `bytes` (one character per byte) stand for. */
export function decodeUtf8Bytes(bytes: string): string {
  if (!MULTI_BYTE.test(bytes)) return bytes; // twice as fast as holdsMultiByte on a short field
  const raw = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) raw[i] = bytes.charCodeAt(i);
  return utf8.decode(raw);
}
