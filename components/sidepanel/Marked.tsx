import { Fragment } from 'preact';
import { deriveHighlightSegments } from './model';

/**
 * Text with the matched ranges in <mark>. Every piece is a text child, never markup: a query or a
 * title that looks like HTML is shown as typed (issue 3, bad input).
 */
export function Marked({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> | undefined }) {
  return (
    <>
      {deriveHighlightSegments(text, ranges).map((segment, i) =>
        segment.mark ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>,
      )}
    </>
  );
}
