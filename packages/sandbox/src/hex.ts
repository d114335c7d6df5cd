/** Lower-case hexadecimal of some bytes (digests, signatures, request bodies in fingerprints). */
export const hex = (bytes: Uint8Array | ArrayBuffer): string =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("")
