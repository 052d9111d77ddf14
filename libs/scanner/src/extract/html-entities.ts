export { NAMED_ENTITIES, decodeEntity } from '@clearance/documents/html/html-entities';
