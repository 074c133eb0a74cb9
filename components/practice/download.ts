/**
 * Save a text file from the page: a Blob URL made here and clicked, so nothing goes over the network.
 * The document is a parameter (nothing touches the DOM at import time).
 */
export type SaveFile = (name: string, text: string, type: string) => void;

export function createDownloader(doc: Document, url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'> = URL): SaveFile {
  return (name, text, type) => {
    const href = url.createObjectURL(new Blob([text], { type }));
    const link = doc.createElement('a');
    link.href = href;
    link.download = name;
    link.hidden = true;
    doc.body.append(link);
    link.click();
    link.remove();
    // The click has started the download; the URL is no longer needed.
    setTimeout(() => url.revokeObjectURL(href), 1_000);
  };
}
