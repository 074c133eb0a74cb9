// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDownloader } from '../../../components/practice/download';

afterEach(() => {
  vi.useRealTimers();
});

describe('createDownloader', () => {
  it('clicks a link to a Blob URL with the file name, then removes the link and revokes the URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const url = {
      createObjectURL: vi.fn((b: Blob) => {
        blobs.push(b);
        return 'blob:chrome-extension://x/1';
      }),
      revokeObjectURL: vi.fn(),
    };
    const clicks: Array<{ href: string; download: string }> = [];
    document.addEventListener('click', (event) => {
      const a = event.target as HTMLAnchorElement;
      clicks.push({ href: a.getAttribute('href') ?? '', download: a.download });
      event.preventDefault();
    });
    createDownloader(document, url)('progress.csv', 'a,b\r\n', 'text/csv;charset=utf-8');
    expect(clicks).toEqual([{ href: 'blob:chrome-extension://x/1', download: 'progress.csv' }]);
    expect(document.querySelectorAll('a')).toHaveLength(0);
    expect(await blobs[0]?.text()).toBe('a,b\r\n');
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    vi.runAllTimers();
    expect(url.revokeObjectURL).toHaveBeenCalledWith('blob:chrome-extension://x/1');
  });
});
