import { parseXml } from '../xml/parse-xml';
import { joinLoc } from './ofd-paths';
import { ContentCollector, type ContentParts } from './page-content';

/** A multimedia resource: where its file is (candidates, most likely first) and what it is. */
export interface MediaEntry {
  locs: string[];
  type: string;
  format: string;
}

/** The resources of one document: ids are unique across its PublicRes, DocumentRes and PageRes files. */
export interface ResourceSet {
  media: Map<string, MediaEntry>;
  composites: Map<string, ContentParts>;
}

export const emptyResources = (): ResourceSet => ({ media: new Map(), composites: new Map() });

/**
 * Adds one resource file (GB/T 33190 §7.9) to `into`: `MultiMedia` files, resolved against the file's `BaseLoc`, and
 * the content of `CompositeGraphicUnit`s. On a break in the XML what was read before it stays in `into`.
 */
export function readResources(xml: string, folder: string, into: ResourceSet): void {
  let base = folder;
  let media: { id: string; type: string; format: string; file: string; inFile: boolean } | undefined;
  let unit: { id: string; content: ContentCollector } | undefined;
  parseXml(xml, {
    open(el) {
      const a = el.attrs;
      if (unit) unit.content.open(el);
      else if (el.local === 'Res' && a.BaseLoc) base = joinLoc(folder, a.BaseLoc) + '/';
      else if (el.local === 'MultiMedia' && a.ID) media = { id: a.ID, type: a.Type ?? '', format: a.Format ?? '', file: '', inFile: false };
      else if (el.local === 'MediaFile' && media) media.inFile = true;
      else if (el.local === 'CompositeGraphicUnit' && a.ID) unit = { id: a.ID, content: new ContentCollector() };
    },
    text(t) {
      if (unit) unit.content.text(t);
      else if (media?.inFile) media.file += t;
    },
    close(el) {
      if (unit) {
        if (el.local === 'CompositeGraphicUnit') {
          into.composites.set(unit.id, unit.content.parts);
          unit = undefined;
        } else unit.content.close(el);
      } else if (el.local === 'MediaFile' && media) media.inFile = false;
      else if (el.local === 'MultiMedia' && media) {
        const file = media.file.trim();
        if (file) into.media.set(media.id, { locs: [joinLoc(base, file), joinLoc(folder, file)], type: media.type, format: media.format });
        media = undefined;
      }
    },
  });
}
