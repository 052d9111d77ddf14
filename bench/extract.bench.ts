/**
 * Extraction speed per format beside a naive reader of the same bytes, OCR pages/s beside Tesseract alone, and what
 * a zip bomb costs in memory and time, in process and isolated, beside inflating 1 MB normally. All inputs are built
 * in memory by the fixture builders. Median of 3 runs after one warm-up:
 *   npm run build && npm run -s bench:extract
 */
import { fork, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DEFAULT_LIMITS, extractDocument, extractIsolated, type ExtractedDocument, type OcrEngine } from '../libs/documents/src';
import { TesseractEngine } from '../libs/documents/src/image/tesseract-engine';
import { MAX_OCR_PIXELS } from '../libs/documents/src/image/recognize-into';
import { openPdf } from '../libs/documents/src/pdf/pdfjs-loader';
import { zeroBombZip } from '../libs/documents/test-fixtures/build/corpus';
import { buildDocx, para, run } from '../libs/documents/test-fixtures/build/docx-fixtures';
import { buildOfd, line } from '../libs/documents/test-fixtures/build/ofd-fixtures';
import { IMAGES_DIR, manyPagesPdf, scannedPdf } from '../libs/documents/test-fixtures/build/pdf-fixtures';
import { buildPptx, textShape } from '../libs/documents/test-fixtures/build/pptx-fixtures';
import { largeWorkbook } from '../libs/documents/test-fixtures/build/xlsx-fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const RUNS = 3;
const MB = 1024 * 1024;
const DOCX_TARGET_BYTES = 2 * MB;
const BOMB_MB = 1024;

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

const SUBJECTS = ['县政府办公室', '各乡镇人民政府', '县民政局', '县财政局', '县医疗保障局', '县人力资源和社会保障局', '各街道办事处', '县住房和城乡建设局', '县教育局', '县卫生健康局', '县交通运输局', '县应急管理局'];
const ACTIONS = ['要认真组织实施', '应当于每月底前报送', '负责统筹协调', '要进一步加强监督检查', '应当及时主动公开', '要切实做好政策解读', '负责审核汇总', '要建立健全工作台账'];
const OBJECTS = ['城乡居民基本医疗保险参保工作', '困难群众救助补助资金发放情况', '政府信息公开年度报告', '重点项目建设进度', '农村危房改造资金使用情况', '义务教育阶段学生资助工作', '公共场所安全隐患排查整治', '惠民惠农财政补贴资金'];

const PLACE_CHARS = '东西南北新金龙凤安平和兴福永长青石河山桥水田林湾坪坝沟岭塘溪岗庄营集铺寨堡关口源泉华丰盛康宁德顺利民乐富强胜红星光明义仁礼智信忠孝春秋云峰松柏桃李梅竹杨柳高白黄马牛羊花草'.split('');

/** Sentences of a county notice, with place names, dates and amounts, so they compress about as much as a real one. */
function sentences(seed: number): () => string {
  const r = rng(seed);
  const place = (): string => PLACE_CHARS[r(PLACE_CHARS.length)] + PLACE_CHARS[r(PLACE_CHARS.length)];
  return () =>
    `${place()}镇${place()}村：${SUBJECTS[r(SUBJECTS.length)]}${ACTIONS[r(ACTIONS.length)]}${OBJECTS[r(OBJECTS.length)]}，` +
    `截至${2020 + r(6)}年${1 + r(12)}月${1 + r(28)}日共涉及${1 + r(3000)}户、资金${(r(1_000_000) / 100).toFixed(2)}万元。`;
}

const RUN_PROPS = ['<w:rFonts w:hint="eastAsia"/>', '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/>', '<w:b/><w:rFonts w:hint="eastAsia"/>'];

function docxOfParagraphs(count: number): Uint8Array {
  const next = sentences(1);
  const r = rng(2);
  const body: string[] = [];
  for (let k = 0; k < count; k++) {
    const runs = Array.from({ length: 1 + r(3) }, () => run(next(), RUN_PROPS[r(RUN_PROPS.length)]));
    body.push(para(runs.join(''), '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>'));
  }
  return buildDocx({ body: body.join('') });
}

/** A docx of paragraphs of about `bytes` on disk: the paragraph count found from a sample, then corrected once. */
function docxOfSize(bytes: number): { docx: Uint8Array; paragraphs: number } {
  const sample = 2_000;
  let count = Math.round((bytes / docxOfParagraphs(sample).length) * sample);
  let docx = docxOfParagraphs(count);
  if (Math.abs(docx.length - bytes) > bytes * 0.03) {
    count = Math.round((count * bytes) / docx.length);
    docx = docxOfParagraphs(count);
  }
  return { docx, paragraphs: count };
}

function deckOfSlides(count: number): Uint8Array {
  const next = sentences(3);
  return buildPptx({
    slides: Array.from({ length: count }, (_v, k) => ({
      shapes: [textShape(2, [[`第${k + 1}部分：工作进展`]], 'title'), textShape(3, Array.from({ length: 6 }, () => [next()]), 'body')],
      notes: [[next()]],
    })),
  });
}

function ofdOfPages(count: number): Uint8Array {
  const next = sentences(4);
  return buildOfd({ pages: Array.from({ length: count }, () => ({ objects: Array.from({ length: 30 }, (_v, k) => line(25, 30 + k * 8.5, next(), 4.2)) })) });
}

/** A zip with one ordinary text member of `bytes`, deflated normally. */
function normalZip(bytes: number): Uint8Array {
  const next = sentences(5);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const s = `${next()}\n`;
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return zipSync({ 'notice.txt': strToU8(parts.join('').slice(0, bytes)) });
}

interface Timed<T> {
  ms: number;
  value: T;
}

/** One warm-up, then the median of RUNS timed runs, each after a full GC. */
async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  let value = await fn();
  const all: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    gc();
    const t0 = performance.now();
    value = await fn();
    all.push(performance.now() - t0);
  }
  all.sort((a, b) => a - b);
  return { ms: all[RUNS >> 1], value };
}

const charsOf = (doc: ExtractedDocument): number => doc.pieces.reduce((n, p) => n + p.text.length, 0);
const gapsOf = (doc: ExtractedDocument): string => [...new Set(doc.coverage.gaps.map((g) => g.reason))].join(',') || 'none';

/** What a naive reader does: unzip everything, strip the tags of the main parts with a regular expression. */
function naiveOoxml(bytes: Uint8Array, main: RegExp): number {
  let chars = 0;
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (main.test(name)) chars += strFromU8(data).replace(/<[^>]+>/g, '').length;
  }
  return chars;
}

/** pdfjs's text content of every page and nothing else, the document opened as the PDF reader opens it. */
async function pdfjsText(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes, { maxImagePixels: MAX_OCR_PIXELS });
  let chars = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) chars += item.str.length;
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return chars;
}

function inflatedSize(bytes: Uint8Array): number {
  return Object.values(unzipSync(bytes)).reduce((n, d) => n + d.length, 0);
}

function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const cell = (s: string, k: number): string => (right[k] ? s.padStart(widths[k]) : s.padEnd(widths[k]));
  return [header.map(cell).join('  '), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => r.map(cell).join('  '))].join('\n');
}

const mb = (bytes: number): string => (bytes / MB).toFixed(2);
const rate = (bytes: number, ms: number): string => ((bytes / MB / ms) * 1000).toFixed(1);

interface Case {
  format: string;
  input: string;
  bytes: Uint8Array;
  filename: string;
  baseline: string;
  naive: (bytes: Uint8Array) => Promise<number> | number;
}

async function throughput(cases: Case[]): Promise<string> {
  const rows: string[][] = [];
  for (const c of cases) {
    const ours = await timed(() => extractDocument(c.bytes, c.filename));
    const base = await timed(() => c.naive(c.bytes));
    const inflated = c.filename.endsWith('.pdf') ? '' : mb(inflatedSize(c.bytes));
    rows.push([
      c.format, c.input, mb(c.bytes.length), inflated, ours.ms.toFixed(0), rate(c.bytes.length, ours.ms), charsOf(ours.value).toLocaleString(), gapsOf(ours.value),
      c.baseline, base.ms.toFixed(0), rate(c.bytes.length, base.ms), base.value.toLocaleString(), `${(ours.ms / base.ms).toFixed(1)}×`,
    ]);
  }
  const header = ['format', 'input', 'file MB', 'inflated MB', 'ours ms', 'ours MB/s', 'ours chars', 'gaps', 'baseline', 'base ms', 'base MB/s', 'base chars', 'ours/base'];
  return table(header, rows, [false, false, true, true, true, true, true, false, false, true, true, true, true]);
}

/** Plain Tesseract on the image, with the engine's own settings (one thread, chi_sim, automatic layout). */
function tesseractAlone(image: Uint8Array): number {
  const out = spawnSync('tesseract', ['stdin', 'stdout', '-l', 'chi_sim', '--psm', '3'], { input: image, env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * MB });
  if (out.status !== 0) throw new Error(`tesseract failed: ${out.stderr.toString('utf8').slice(0, 200)}`);
  return out.stdout.toString('utf8').replace(/\s/g, '').length;
}

async function ocr(engine: OcrEngine): Promise<string> {
  const jpeg = new Uint8Array(readFileSync(path.join(IMAGES_DIR, 'scan-page.jpg')));
  const pdf = scannedPdf();
  const ofd = buildOfd({ pages: [{ images: ['R1'] }], images: { R1: { file: 'image_1.jpg', bytes: jpeg, format: 'JPEG' } } });
  const base = await timed(() => tesseractAlone(jpeg));
  const pages = (ms: number): string => (1000 / ms).toFixed(2);
  const rows: string[][] = [['baseline: tesseract CLI on the JPEG', 'scan-page.jpg 1240×760', '1', base.ms.toFixed(0), pages(base.ms), `${base.value} non-space chars`, '']];
  const cases: [string, string, Uint8Array, string][] = [
    ['extractDocument, image', 'scan-page.jpg', jpeg, 'scan.jpg'],
    ['extractDocument, scanned PDF page', 'scannedPdf()', pdf, 'scan.pdf'],
    ['extractDocument, OFD image page', 'OFD, scan-page.jpg', ofd, 'scan.ofd'],
  ];
  for (const [name, input, bytes, filename] of cases) {
    const t = await timed(() => extractDocument(bytes, filename, { ocr: engine }));
    const text = t.value.pieces.map((p) => p.text).join('');
    rows.push([name, input, '1', t.ms.toFixed(0), pages(t.ms), `${text.replace(/\s/g, '').length} non-space chars${/机密/.test(text) ? ', 机密 read' : ', 机密 NOT read'}`, `${(t.ms / base.ms).toFixed(2)}×`]);
  }
  return table(['OCR', 'input', 'pages', 'ms', 'pages/s', 'text', 'vs base'], rows, [false, false, true, true, true, false, true]);
}

// ---------------------------------------------------------------------------------------------------------------
// Memory. A process's RSS high-water mark only rises, so each in-process figure comes from a fresh process of its own.

type ProbeKind = 'unzip' | 'extract';

interface ProbeRequest {
  kind: ProbeKind;
  bytes: Uint8Array;
}

interface ProbeReply {
  ms: number;
  rssStartMb: number;
  /** getrusage's maxRSS before the call (module loading peaks too) and after it. */
  peakBeforeMb: number;
  peakAfterMb: number;
  /** V8 heap used plus ArrayBuffer memory as the call returns, before a GC: what it dropped is mostly still counted. */
  heapAndBuffersMb: number;
  result: string;
}

async function probe(request: ProbeRequest): Promise<ProbeReply> {
  // Warm up on a small file, not the measured one, so the warm-up does not set the high-water mark.
  const small = normalZip(4096);
  if (request.kind === 'unzip') unzipSync(small);
  else await extractDocument(small, 'warm-up.zip');
  gc();
  const rssStart = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  let result: string;
  if (request.kind === 'unzip') {
    result = `${mb(Object.values(unzipSync(request.bytes)).reduce((n, d) => n + d.length, 0))} MB inflated`;
  } else {
    const doc = await extractDocument(request.bytes, 'probe.zip');
    result = `${charsOf(doc).toLocaleString()} chars, gaps: ${gapsOf(doc)}`;
  }
  const ms = performance.now() - t0;
  const mem = process.memoryUsage();
  const peakAfter = process.resourceUsage().maxRSS;
  return { ms, rssStartMb: rssStart / MB, peakBeforeMb: peakBefore / 1024, peakAfterMb: peakAfter / 1024, heapAndBuffersMb: (mem.heapUsed + mem.arrayBuffers) / MB, result };
}

function inFreshProcess(request: ProbeRequest): Promise<ProbeReply> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--probe'], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (reply: ProbeReply) => {
      resolve(reply);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`probe exited with ${code}`)));
    child.send(request);
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The processes this one started, found by their parent id (extractIsolated does not hand its child out). */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) pids.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

function vmHwmMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** extractIsolated's wall time, and the child's RSS high-water as last seen by polling /proc every 10 ms. */
async function isolated(bytes: Uint8Array): Promise<{ ms: number; childPeakMb: number; doc: ExtractedDocument }> {
  const canPoll = existsSync('/proc/self/status');
  let peak = 0;
  let watched: number[] = [];
  const poll = setInterval(() => {
    if (watched.length === 0) watched = childPids();
    for (const pid of watched) peak = Math.max(peak, vmHwmMb(pid));
  }, 10);
  const t0 = performance.now();
  try {
    const doc = await extractIsolated(bytes, 'probe.zip');
    return { ms: performance.now() - t0, childPeakMb: canPoll ? peak : NaN, doc };
  } finally {
    clearInterval(poll);
  }
}

async function memory(): Promise<string> {
  const normal = normalZip(MB);
  const bomb = zeroBombZip(BOMB_MB);
  const rows: string[][] = [];
  const inProcess = async (name: string, request: ProbeRequest): Promise<void> => {
    const replies: ProbeReply[] = [];
    for (let k = 0; k < RUNS; k++) replies.push(await inFreshProcess(request));
    const m = (f: (r: ProbeReply) => number): string => median(replies.map(f)).toFixed(0);
    // A call that never went past the peak of loading the modules only shows that its rise was at most that much.
    const rise = replies.every((r) => r.peakAfterMb > r.peakBeforeMb) ? m((r) => r.peakAfterMb - r.rssStartMb) : `≤ ${m((r) => r.peakBeforeMb - r.rssStartMb)}`;
    rows.push([name, mb(request.bytes.length), m((r) => r.ms), m((r) => r.rssStartMb), m((r) => r.peakBeforeMb), m((r) => r.peakAfterMb), rise, m((r) => r.heapAndBuffersMb), replies[0].result]);
  };
  await inProcess('baseline: fflate unzipSync, 1 MB text member', { kind: 'unzip', bytes: normal });
  await inProcess('baseline: extractDocument, 1 MB text member', { kind: 'extract', bytes: normal });
  await inProcess(`extractDocument, bomb (${BOMB_MB} MB of zeros)`, { kind: 'extract', bytes: bomb });
  const inside = async (name: string, bytes: Uint8Array): Promise<void> => {
    await isolated(bytes);
    const runs: Awaited<ReturnType<typeof isolated>>[] = [];
    for (let k = 0; k < RUNS; k++) runs.push(await isolated(bytes));
    const doc = runs[0].doc;
    rows.push([name, mb(bytes.length), median(runs.map((r) => r.ms)).toFixed(0), '', '', median(runs.map((r) => r.childPeakMb)).toFixed(0), '', '', `${charsOf(doc).toLocaleString()} chars, gaps: ${gapsOf(doc)}`]);
  };
  await inside('baseline: extractIsolated, 1 MB text member', normal);
  await inside(`extractIsolated, bomb (${BOMB_MB} MB of zeros)`, bomb);
  const header = ['zip', 'file MB', 'ms to stop', 'RSS start MB', 'high-water before MB', 'high-water after MB', 'rise MB', 'heap+buffers at end MB', 'result'];
  return [
    table(header, rows, [false, true, true, true, true, true, true, true, false]),
    `limits: maxDecompressedBytes ${DEFAULT_LIMITS.maxDecompressedBytes / MB} MB, maxCompressionRatio ${DEFAULT_LIMITS.maxCompressionRatio}; isolated child --max-old-space-size=512`,
    'in-process rows: a fresh process per run; high-water = getrusage maxRSS before and after the call; rise = after − RSS at start',
    '  ("≤ n": the call stayed under the peak of loading the modules); heap+buffers = heapUsed + arrayBuffers as the call returns, before a GC',
    'the naive unzipSync is not run on the bomb (it would allocate the whole 1 GB)',
    'isolated rows: ms includes forking the child; high-water after = the child\'s VmHWM, polled every 10 ms until it is killed (a lower bound)',
  ].join('\n');
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const [l1, l5, l15] = loadavg();
  console.log(`extraction benchmark: node ${process.version}, ${cpus().length} cores, load average at start ${l1.toFixed(2)} / ${l5.toFixed(2)} / ${l15.toFixed(2)} (1/5/15 min)`);
  console.log(`each figure: median of ${RUNS} runs after one warm-up; MB = 2^20 bytes; MB/s of the file as submitted\n`);
  const { docx, paragraphs } = docxOfSize(DOCX_TARGET_BYTES);
  const cases: Case[] = [
    { format: 'docx', input: `${paragraphs.toLocaleString()} paragraphs`, bytes: docx, filename: 'big.docx', baseline: 'unzipSync + strip document.xml', naive: (b) => naiveOoxml(b, /^word\/document\.xml$/) },
    { format: 'xlsx', input: 'largeWorkbook(10000): 50,000 cells', bytes: largeWorkbook(10_000), filename: 'big.xlsx', baseline: 'unzipSync + strip sheets, sharedStrings', naive: (b) => naiveOoxml(b, /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/) },
    { format: 'pptx', input: '200 slides + notes', bytes: deckOfSlides(200), filename: 'big.pptx', baseline: 'unzipSync + strip slides', naive: (b) => naiveOoxml(b, /^ppt\/slides\/slide\d+\.xml$/) },
    { format: 'pdf', input: 'manyPagesPdf(100): 100 text pages', bytes: manyPagesPdf(100), filename: 'big.pdf', baseline: 'pdfjs getTextContent, all pages', naive: pdfjsText },
    { format: 'ofd', input: '100 pages × 30 lines', bytes: ofdOfPages(100), filename: 'big.ofd', baseline: 'unzipSync + strip page Content.xml', naive: (b) => naiveOoxml(b, /^Doc_0\/Pages\/Page_\d+\/Content\.xml$/) },
  ];
  console.log(await throughput(cases));
  const engine = new TesseractEngine();
  console.log('');
  console.log((await engine.available()) ? await ocr(engine) : 'OCR: skipped (tesseract with chi_sim not found)');
  console.log('');
  console.log(await memory());
  const [e1] = loadavg();
  console.log(`\nload average at end ${e1.toFixed(2)} (1 min); whole run ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv.includes('--probe')) {
  process.once('message', (request: ProbeRequest) => {
    probe(request).then(
      (reply) => process.send?.(reply),
      (error: Error) => {
        console.error(error.stack ?? error.message);
        process.exit(1);
      },
    );
  });
} else {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
