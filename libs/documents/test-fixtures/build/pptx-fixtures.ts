import { strToU8, zipSync } from 'fflate';
import { rel, rels, xml } from './xlsx-fixtures';

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const P188 = 'http://schemas.microsoft.com/office/powerpoint/2018/8/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const NS = `xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"`;

/** A paragraph given as its runs; each run becomes one `<a:r>`, as PowerPoint splits runs at every format change. */
export type Runs = string[];

const run = (t: string, k: number): string =>
  `<a:r><a:rPr lang="${/^[\x20-\x7e]+$/.test(t) ? 'en-US' : 'zh-CN'}" altLang="en-US"${k % 2 === 1 ? ' b="1"' : ''} dirty="0"/><a:t>${xml(t)}</a:t></a:r>`;
export const paragraph = (runs: Runs): string => `<a:p>${runs.map(run).join('')}<a:endParaRPr lang="zh-CN" altLang="en-US" dirty="0"/></a:p>`;

const txBody = (paragraphs: Runs[]): string => `<p:txBody><a:bodyPr/><a:lstStyle/>${paragraphs.map(paragraph).join('')}</p:txBody>`;
const xfrm = '<a:xfrm><a:off x="838200" y="365125"/><a:ext cx="10515600" cy="1325563"/></a:xfrm>';

/** A shape with text; `placeholder` is its `p:ph` type ('body', 'title', 'sldNum'…), or none for a text box. */
export function textShape(id: number, paragraphs: Runs[], placeholder?: string): string {
  const ph = placeholder === undefined ? '' : `<p:ph type="${placeholder}"${placeholder === 'sldNum' ? ' sz="quarter" idx="12"' : ''}/>`;
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${placeholder ? '占位符' : '文本框'} ${id}"/><p:cNvSpPr${placeholder ? '><a:spLocks noGrp="1"/></p:cNvSpPr>' : ' txBox="1"/>'}<p:nvPr>${ph}</p:nvPr></p:nvSpPr>` +
    `<p:spPr>${placeholder ? '' : `${xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>`}</p:spPr>${txBody(paragraphs)}</p:sp>`
  );
}

/** The slide-number placeholder, its text a field as PowerPoint writes it. */
export const slideNumberShape = (id: number, n: number): string =>
  `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="灯片编号占位符 ${id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr></p:nvSpPr><p:spPr/>` +
  `<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="zh-CN" altLang="en-US"/><a:t>${n}</a:t></a:fld><a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p></p:txBody></p:sp>`;

/** A table in a graphic frame; each cell holds one paragraph of one run. */
export function tableFrame(id: number, rows: string[][]): string {
  const grid = rows[0].map(() => '<a:gridCol w="2032000"/>').join('');
  const body = rows
    .map((r) => `<a:tr h="370840">${r.map((c) => `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${paragraph([c])}</a:txBody><a:tcPr/></a:tc>`).join('')}</a:tr>`)
    .join('');
  return (
    `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="表格 ${id}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>` +
    '<p:xfrm><a:off x="1524000" y="2000000"/><a:ext cx="8128000" cy="1483360"/></p:xfrm>' +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>${grid}</a:tblGrid>${body}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
  );
}

/** Shapes grouped together. */
export const groupShape = (id: number, children: string[]): string =>
  `<p:grpSp><p:nvGrpSpPr><p:cNvPr id="${id}" name="组合 ${id}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1" cy="1"/><a:chOff x="0" y="0"/><a:chExt cx="1" cy="1"/></a:xfrm></p:grpSpPr>${children.join('')}</p:grpSp>`;

/**
 * A chart part as PowerPoint and Excel write it: a title, and one series whose category names are cached from a
 * workbook linked from outside (`c:externalData` to a file path), so the cache is the only copy in the file.
 */
export function chartPart(title: string, categories: string[]): string {
  const pts = categories.map((c, k) => `<c:pt idx="${k}"><c:v>${xml(c)}</c:v></c:pt>`).join('');
  return (
    `${DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="${A}" xmlns:r="${R}"><c:date1904 val="0"/><c:lang val="zh-CN"/>` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>${paragraph([title])}</c:rich></c:tx><c:overlay val="0"/></c:title><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>人数</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$${categories.length + 1}</c:f><c:strCache><c:ptCount val="${categories.length}"/>${pts}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>Sheet1!$B$2:$B$${categories.length + 1}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${categories.length}"/>${categories.map((_c, k) => `<c:pt idx="${k}"><c:v>${k + 3}</c:v></c:pt>`).join('')}</c:numCache></c:numRef></c:val></c:ser>` +
    '<c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea></c:chart><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
  );
}

/** A SmartArt frame whose data part is the slide's relationship rId5. */
const smartArtFrame = (id: number): string =>
  `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="图示 ${id}"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="8128000" cy="5418667"/></p:xfrm>` +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rId5" r:lo="rId6" r:qs="rId7" r:cs="rId8"/></a:graphicData></a:graphic></p:graphicFrame>';

export interface PptxComment {
  author: string;
  text: string;
  replies?: { author: string; text: string }[];
}

export interface PptxSlide {
  /** Shapes as written inside `<p:spTree>` after the group properties. */
  shapes: string[];
  hidden?: boolean;
  notes?: Runs[];
  /** Legacy comments (`ppt/comments/commentN.xml`, authors in `ppt/commentAuthors.xml`). */
  comments?: PptxComment[];
  /** Modern comments (PowerPoint 365: `ppt/comments/modernComment_….xml`, authors in `ppt/authors.xml`). */
  modernComments?: PptxComment[];
  /** SmartArt nodes, one paragraph each. */
  smartArt?: Runs[];
  /** A chart with its data linked from an outside workbook. */
  chart?: { title: string; categories: string[] };
}

export interface PptxSpec {
  slides: PptxSlide[];
  title?: string;
  /** A text box on the slide master, shown on every slide. */
  masterText?: Runs[];
}

const spTree = (shapes: string[]): string =>
  `<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>${shapes.join('')}</p:spTree></p:cSld>`;

const guid = (k: number): string => `{${k.toString(16).padStart(8, '0').toUpperCase()}-3A5B-4C6D-8E9F-0A1B2C3D4E5F}`;

/** Builds a .pptx laid out as PowerPoint saves it: presentation, master, layout, slides with their notes and comments. */
export function buildPptx(spec: PptxSpec): Uint8Array {
  const files: Record<string, string> = {};
  const overrides: string[] = [];
  const override = (part: string, type: string): void => {
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.presentationml.${type}+xml"/>`);
  };
  const legacyAuthors = [...new Set(spec.slides.flatMap((s) => (s.comments ?? []).map((c) => c.author)))];
  const modernAuthors = [...new Set(spec.slides.flatMap((s) => (s.modernComments ?? []).flatMap((c) => [c.author, ...(c.replies ?? []).map((r) => r.author)])))];
  const presRels = [rel('rId1', `${REL}/slideMaster`, 'slideMasters/slideMaster1.xml')];
  spec.slides.forEach((slide, k) => {
    const n = k + 1;
    presRels.push(rel(`rId${n + 1}`, `${REL}/slide`, `slides/slide${n}.xml`));
    override(`ppt/slides/slide${n}.xml`, 'slide');
    const slideRels = [rel('rId1', `${REL}/slideLayout`, '../slideLayouts/slideLayout1.xml')];
    const shapes = [...slide.shapes];
    if (slide.notes) {
      slideRels.push(rel('rId2', `${REL}/notesSlide`, `../notesSlides/notesSlide${n}.xml`));
      override(`ppt/notesSlides/notesSlide${n}.xml`, 'notesSlide');
      files[`ppt/notesSlides/_rels/notesSlide${n}.xml.rels`] = rels([rel('rId1', `${REL}/notesMaster`, '../notesMasters/notesMaster1.xml'), rel('rId2', `${REL}/slide`, `../slides/slide${n}.xml`)]);
      files[`ppt/notesSlides/notesSlide${n}.xml`] =
        `${DECL}<p:notes ${NS}>` +
        spTree([
          `<p:sp><p:nvSpPr><p:cNvPr id="2" name="幻灯片图像占位符 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>`,
          textShape(3, slide.notes, 'body').replace('<p:ph type="body"/>', '<p:ph type="body" idx="1"/>'),
          slideNumberShape(4, n),
        ]) +
        '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>';
    }
    if (slide.comments) {
      slideRels.push(rel('rId3', `${REL}/comments`, `../comments/comment${n}.xml`));
      override(`ppt/comments/comment${n}.xml`, 'comments');
      files[`ppt/comments/comment${n}.xml`] =
        `${DECL}<p:cmLst ${NS}>` +
        slide.comments.map((c, i) => `<p:cm authorId="${legacyAuthors.indexOf(c.author)}" dt="2024-03-0${(i % 9) + 1}T10:15:00.000" idx="${i + 1}"><p:pos x="10" y="10"/><p:text>${xml(c.text)}</p:text></p:cm>`).join('') +
        '</p:cmLst>';
    }
    if (slide.modernComments) {
      const name = `modernComment_${(255 + n).toString(16).toUpperCase()}_${(0x1a2b3c00 + n).toString(16).toUpperCase()}.xml`;
      slideRels.push(rel('rId4', 'http://schemas.microsoft.com/office/2018/10/relationships/comments', `../comments/${name}`));
      overrides.push(`<Override PartName="/ppt/comments/${name}" ContentType="application/vnd.ms-powerpoint.comments+xml"/>`);
      const body = (text: string): string => `<p188:txBody><a:bodyPr/><a:lstStyle/>${paragraph([text])}</p188:txBody>`;
      files[`ppt/comments/${name}`] =
        `${DECL}<p188:cmLst xmlns:a="${A}" xmlns:r="${R}" xmlns:p188="${P188}">` +
        slide.modernComments
          .map(
            (c, i) =>
              `<p188:cm id="${guid(100 + i)}" authorId="${guid(modernAuthors.indexOf(c.author))}" created="2024-03-01T08:0${i}:00.000">` +
              `<pc:sldMkLst xmlns:pc="http://schemas.microsoft.com/office/powerpoint/2013/main/command"><pc:docMk/><pc:sldMk cId="0" sldId="${255 + n}"/></pc:sldMkLst>` +
              (c.replies
                ? `<p188:replyLst>${c.replies.map((r, j) => `<p188:reply id="${guid(200 + j)}" authorId="${guid(modernAuthors.indexOf(r.author))}" created="2024-03-02T09:00:00.000">${body(r.text)}</p188:reply>`).join('')}</p188:replyLst>`
                : '') +
              `${body(c.text)}</p188:cm>`,
          )
          .join('') +
        '</p188:cmLst>';
    }
    if (slide.smartArt) {
      shapes.push(smartArtFrame(90));
      slideRels.push(
        rel('rId5', `${REL}/diagramData`, `../diagrams/data${n}.xml`),
        rel('rId6', `${REL}/diagramLayout`, `../diagrams/layout${n}.xml`),
        rel('rId7', `${REL}/diagramQuickStyle`, `../diagrams/quickStyle${n}.xml`),
        rel('rId8', `${REL}/diagramColors`, `../diagrams/colors${n}.xml`),
      );
      files[`ppt/diagrams/data${n}.xml`] =
        `${DECL}<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="${A}"><dgm:ptLst>` +
        `<dgm:pt modelId="${guid(300)}" type="doc"><dgm:prSet phldrT="[文本]"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p></dgm:t></dgm:pt>` +
        slide.smartArt.map((p, i) => `<dgm:pt modelId="${guid(301 + i)}"><dgm:prSet phldrT="[文本]"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/>${paragraph(p)}</dgm:t></dgm:pt>`).join('') +
        '</dgm:ptLst><dgm:cxnLst/><dgm:bg/><dgm:whole/></dgm:dataModel>';
      for (const part of ['layout', 'quickStyle', 'colors']) files[`ppt/diagrams/${part}${n}.xml`] = `${DECL}<dgm:${part === 'layout' ? 'layoutDef' : part === 'colors' ? 'colorsDef' : 'styleDef'} xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" uniqueId="urn:microsoft.com/office/officeart/2005/8/${part}/default"/>`;
    }
    if (slide.chart) {
      shapes.push(
        `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="91" name="图表 91"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="8128000" cy="5418667"/></p:xfrm>` +
          '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId9"/></a:graphicData></a:graphic></p:graphicFrame>',
      );
      slideRels.push(rel('rId9', `${REL}/chart`, `../charts/chart${n}.xml`));
      overrides.push(`<Override PartName="/ppt/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
      files[`ppt/charts/chart${n}.xml`] = chartPart(slide.chart.title, slide.chart.categories);
      files[`ppt/charts/_rels/chart${n}.xml.rels`] = rels([`<Relationship Id="rId1" Type="${REL}/oleObject" Target="file:///D:/%E7%BB%9F%E8%AE%A1/%E5%90%8D%E5%8D%95.xlsx" TargetMode="External"/>`]);
    }
    files[`ppt/slides/_rels/slide${n}.xml.rels`] = rels(slideRels);
    files[`ppt/slides/slide${n}.xml`] = `${DECL}<p:sld ${NS}${slide.hidden ? ' show="0"' : ''}>${spTree(shapes)}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`;
  });
  const promptTitle = textShape(2, [['单击此处编辑母版标题样式']], 'title');
  const promptBody = textShape(3, [['编辑母版文本样式'], ['第二级']], 'body');
  files['ppt/slideMasters/slideMaster1.xml'] =
    `${DECL}<p:sldMaster ${NS}>${spTree([promptTitle, promptBody, ...(spec.masterText ? [textShape(7, spec.masterText)] : [])])}` +
    '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>' +
    '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle/><p:bodyStyle/><p:otherStyle/></p:txStyles></p:sldMaster>';
  files['ppt/slideMasters/_rels/slideMaster1.xml.rels'] = rels([rel('rId1', `${REL}/slideLayout`, '../slideLayouts/slideLayout1.xml'), rel('rId2', `${REL}/theme`, '../theme/theme1.xml')]);
  files['ppt/slideLayouts/slideLayout1.xml'] = `${DECL}<p:sldLayout ${NS} type="title" preserve="1"><p:cSld name="标题幻灯片"><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${promptTitle}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`;
  files['ppt/slideLayouts/_rels/slideLayout1.xml.rels'] = rels([rel('rId1', `${REL}/slideMaster`, '../slideMasters/slideMaster1.xml')]);
  files['ppt/notesMasters/notesMaster1.xml'] = `${DECL}<p:notesMaster ${NS}>${spTree([])}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>`;
  files['ppt/theme/theme1.xml'] = `${DECL}<a:theme xmlns:a="${A}" name="Office 主题"><a:themeElements/></a:theme>`;
  presRels.push(rel(`rId${spec.slides.length + 2}`, `${REL}/notesMaster`, 'notesMasters/notesMaster1.xml'));
  presRels.push(rel(`rId${spec.slides.length + 3}`, `${REL}/theme`, 'theme/theme1.xml'));
  if (legacyAuthors.length > 0) {
    presRels.push(rel(`rId${spec.slides.length + 4}`, `${REL}/commentAuthors`, 'commentAuthors.xml'));
    files['ppt/commentAuthors.xml'] =
      `${DECL}<p:cmAuthorLst ${NS}>${legacyAuthors.map((a, k) => `<p:cmAuthor id="${k}" name="${xml(a)}" initials="${xml(a.slice(0, 1))}" lastIdx="1" clrIdx="${k}"/>`).join('')}</p:cmAuthorLst>`;
  }
  if (modernAuthors.length > 0) {
    presRels.push(rel(`rId${spec.slides.length + 5}`, 'http://schemas.microsoft.com/office/2018/10/relationships/authors', 'authors.xml'));
    files['ppt/authors.xml'] =
      `${DECL}<p188:authorLst xmlns:a="${A}" xmlns:r="${R}" xmlns:p188="${P188}">${modernAuthors.map((a, k) => `<p188:author id="${guid(k)}" name="${xml(a)}" initials="${xml(a.slice(0, 1))}" userId="${xml(a)}" providerId="None"/>`).join('')}</p188:authorLst>`;
  }
  files['ppt/presentation.xml'] =
    `${DECL}<p:presentation ${NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
    `<p:notesMasterIdLst><p:notesMasterId r:id="rId${spec.slides.length + 2}"/></p:notesMasterIdLst>` +
    `<p:sldIdLst>${spec.slides.map((_s, k) => `<p:sldId id="${256 + k}" r:id="rId${k + 2}"/>`).join('')}</p:sldIdLst>` +
    '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle/></p:presentation>';
  files['ppt/_rels/presentation.xml.rels'] = rels(presRels);
  files['docProps/core.xml'] =
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `${spec.title ? `<dc:title>${xml(spec.title)}</dc:title>` : ''}<dc:creator>办公室</dc:creator><cp:revision>3</cp:revision></cp:coreProperties>`;
  files['docProps/app.xml'] = `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office PowerPoint</Application><Slides>${spec.slides.length}</Slides></Properties>`;
  files['_rels/.rels'] = rels([
    rel('rId1', `${REL}/officeDocument`, 'ppt/presentation.xml'),
    rel('rId2', `${PKG}/metadata/core-properties`, 'docProps/core.xml'),
    rel('rId3', `${REL}/extended-properties`, 'docProps/app.xml'),
  ]);
  files['[Content_Types].xml'] =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>' +
    `${overrides.join('')}</Types>`;
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

/**
 * A briefing deck: slide 1 has a marking split across runs in its title, a table and a group; its notes hold an ID;
 * slide 2 is hidden and has a legacy comment; slide 3 has SmartArt and a modern comment thread.
 */
export function briefingDeck(id: string): Uint8Array {
  return buildPptx({
    title: '专项工作汇报',
    masterText: [['内部资料 ', '注意保存']],
    slides: [
      {
        shapes: [
          textShape(2, [['机密', '★', '10', '年']], 'title'),
          textShape(3, [['一、工作进展'], ['二、下一步安排']], 'body'),
          tableFrame(4, [['姓名', '职务'], ['张三', '科长']]),
          groupShape(5, [textShape(6, [['联系电话：', '138', '1234', '5678']])]),
          slideNumberShape(7, 1),
        ],
        notes: [['讲解时不要念出身份证号 ', id]],
      },
      { hidden: true, shapes: [textShape(2, [['备用页：征求意见稿']], 'title')], comments: [{ author: '王科员', text: '此页请删除手机号 13912345678' }] },
      {
        shapes: [textShape(2, [['流程']], 'title')],
        smartArt: [['第一步'], ['第二步 ', '报分管领导']],
        modernComments: [{ author: '刘处长', text: '此页涉及工作秘密', replies: [{ author: '王科员', text: '已改' }] }],
      },
    ],
  });
}
