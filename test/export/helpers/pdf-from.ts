/**
 * A PDF laid out the way Skia (Chromium) writes one, from its objects by number: one object per
 * `N 0 obj`, a classic xref table, the trailer naming the catalog and the info dictionary.
 */
export function pdfFrom(objects: string[], root: number, info: number): Uint8Array {
  let out = '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n';
  const offsets: number[] = [];
  objects.forEach((body, n) => {
    if (body === undefined) return;
    offsets[n] = out.length;
    out += `${n} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++)
    out += `${String(offsets[n] ?? 0).padStart(10, '0')} 00000 ${offsets[n] === undefined ? 'f' : 'n'} \n`;
  out += `trailer\n<</Size ${objects.length}\n/Root ${root} 0 R\n/Info ${info} 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
