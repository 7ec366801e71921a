// The self-contained HTML report written in a browser (the playground's "Download report"): the
// same page as html.ts writes in Node (html-page.ts), with the hashes its CSP lists from Web
// Crypto and the evaluation contexts gzipped by the browser's CompressionStream. Both are
// asynchronous there, hence computed before the page is written. Pure (no node:*); also runs in
// Node, where a test compares it with renderHtml.

import { encodeContexts } from '../explain/codec.ts';
import type { RecordingReplay } from '../replay/types.ts';
import { keptContexts, pageBlocks, reportPage, type ReportAssets } from './html-page.ts';

export async function renderHtmlInBrowser(
  replays: readonly RecordingReplay[],
  compare: boolean,
  assets: ReportAssets,
): Promise<string> {
  const contexts = keptContexts(replays);
  const explainData =
    contexts !== undefined && assets.explainScript !== undefined
      ? base64(await gzip(encodeContexts(contexts)))
      : undefined;
  const blocks = pageBlocks(assets, explainData !== undefined);
  const texts = [...blocks.scripts, blocks.style];
  const hashes = new Map(await Promise.all(texts.map(async (t) => [t, await sha256Source(t)] as const)));
  return reportPage(replays, compare, assets, {
    hash: (text) => hashes.get(text) ?? "'none'",
    ...(explainData !== undefined ? { explainData } : {}),
  });
}

async function sha256Source(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `'sha256-${base64(digest)}'`;
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64(bytes: Uint8Array): string {
  let text = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a year's data is megabytes.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
