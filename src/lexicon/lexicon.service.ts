import { createHash } from 'node:crypto';
import { EntityManager, LockMode } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { defaultLexicon, LexiconError, parseLexicon, termKey, type Category, type LexiconEntry, type MatchMode, type Severity } from '@clearance/scanner';
import { DomainError } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { LexiconRevision } from './entities/lexicon-revision.entity';
import { LexiconTerm } from './entities/lexicon-term.entity';
import { checkNote, checkTermInput, TERM_LIMITS } from './lexicon-rules';
import { readLexiconRevision } from './lexicon-term.repository';

/** A term as administrators see it: the shipped ones are read-only and have no id. */
export interface LexiconTermView {
  source: 'default' | 'custom';
  id?: string;
  term: string;
  category: Category;
  severity: Severity;
  allow: string[];
  match: MatchMode;
  active: boolean;
  note?: string;
  createdBy?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface AddTermInput {
  term: string;
  category: string;
  severity: string;
  allow?: string[];
  /** `substring` (the default) or `word`. */
  match?: string;
  note: string;
}

export interface ChangeTermInput {
  severity?: string;
  allow?: string[];
  match?: string;
  note?: string;
  active?: boolean;
}

export interface ImportResult {
  added: number;
  skipped: Array<{ term: string; reason: string }>;
  revision: number;
}

/**
 * The terms secrecy administrators keep beside the shipped default lexicon. Every change bumps the lexicon
 * revision and writes an audit event in its own transaction, so every process's scanner picks it up.
 */
@Injectable()
export class LexiconService {
  private defaults?: Map<string, LexiconEntry>;

  constructor(private readonly em: EntityManager, private readonly audit: AuditService) {}

  async list(): Promise<{ revision: number; terms: LexiconTermView[] }> {
    const em = this.em.fork();
    const revision = await readLexiconRevision(em);
    const custom = await em.find(LexiconTerm, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const shipped = [...this.defaultTerms().values()].map((e): LexiconTermView => ({
      source: 'default', term: e.term, category: e.category, severity: e.severity, allow: e.allow ?? [], match: e.match ?? 'substring', active: true,
    }));
    return { revision, terms: [...shipped, ...custom.map(view)] };
  }

  async counts(): Promise<{ revision: number; defaultTerms: number; customTerms: number }> {
    const em = this.em.fork();
    return { revision: await readLexiconRevision(em), defaultTerms: this.defaultTerms().size, customTerms: await em.count(LexiconTerm, { active: true }) };
  }

  async add(input: AddTermInput, actor: string): Promise<{ term: LexiconTermView; revision: number }> {
    const entry = checkTermInput(input);
    const note = checkNote(input.note);
    const key = termKey(entry.term);
    this.refuseDefault(key, entry.term);
    return inTransaction(this.em, async ({ em }) => {
      const head = await lockRevision(em);
      await refuseActive(em, key, entry.term);
      const term = em.create(LexiconTerm, { ...termFields(entry), termKey: key, note, createdBy: actor });
      const revision = bump(head);
      await this.audit.append(em, {
        actor,
        action: 'lexicon.term_added',
        data: { id: term.id, term: term.term, category: term.category, severity: term.severity, allow: term.allow, match: term.match, note, revision },
      });
      return { term: view(term), revision };
    });
  }

  /** Severity, allow phrases, match mode, note, or (re)activation; the term and its category stay as they were added. */
  async change(id: string, input: ChangeTermInput, actor: string): Promise<{ term: LexiconTermView; revision: number }> {
    if (input.severity === undefined && input.allow === undefined && input.match === undefined && input.note === undefined && input.active === undefined) {
      throw new DomainError('invalid', 'nothing to change: give severity, allow, match, note or active');
    }
    return inTransaction(this.em, async ({ em }) => {
      const head = await lockRevision(em);
      const term = await findTerm(em, id);
      const entry = checkTermInput({ term: term.term, category: term.category, severity: input.severity ?? term.severity, allow: input.allow ?? term.allow, match: input.match ?? term.match });
      const next = {
        severity: entry.severity,
        allow: entry.allow ?? [],
        match: entry.match ?? 'substring',
        note: input.note === undefined ? term.note : checkNote(input.note),
        active: input.active ?? term.active,
      };
      if (next.active && !term.active) {
        this.refuseDefault(term.termKey, term.term);
        await refuseActive(em, term.termKey, term.term);
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['severity', 'allow', 'match', 'note', 'active'] as const) {
        if (JSON.stringify(term[field]) !== JSON.stringify(next[field])) changes[field] = { from: term[field], to: next[field] };
      }
      if (Object.keys(changes).length === 0) return { term: view(term), revision: head.revision };
      Object.assign(term, next, { updatedAt: new Date() });
      const revision = bump(head);
      await this.audit.append(em, { actor, action: 'lexicon.term_changed', data: { id, term: term.term, changes, revision } });
      return { term: view(term), revision };
    });
  }

  /** Takes the term out of the scanner; the row stays for the record of what was scanned with it. */
  deactivate(id: string, actor: string): Promise<{ term: LexiconTermView; revision: number }> {
    return inTransaction(this.em, async ({ em }) => {
      const head = await lockRevision(em);
      const term = await findTerm(em, id);
      if (!term.active) throw new DomainError('conflict', `term "${term.term}" is deactivated already`);
      term.active = false;
      term.updatedAt = new Date();
      const revision = bump(head);
      await this.audit.append(em, { actor, action: 'lexicon.term_deactivated', data: { id, term: term.term, revision } });
      return { term: view(term), revision };
    });
  }

  /**
   * A file in the shipped lexicon's format, all or nothing: one bad line refuses the whole file (400 naming
   * the line). Terms already in the default lexicon or active are skipped and reported.
   */
  async import(text: string, source: string, note: string, actor: string): Promise<ImportResult> {
    let entries: LexiconEntry[];
    try {
      entries = parseLexicon(text, source, TERM_LIMITS);
    } catch (error) {
      if (error instanceof LexiconError) throw new DomainError('invalid', error.message, 'file');
      throw error;
    }
    const checkedNote = checkNote(note);
    return inTransaction(this.em, async ({ em }) => {
      const head = await lockRevision(em);
      const active = new Map((await em.find(LexiconTerm, { active: true }, { fields: ['term', 'termKey'] })).map((t) => [t.termKey, t.term]));
      const added: LexiconTerm[] = [];
      const skipped: ImportResult['skipped'] = [];
      for (const entry of entries) {
        const key = termKey(entry.term);
        const shipped = this.defaultTerms().get(key);
        const existing = active.get(key);
        if (shipped) skipped.push({ term: entry.term, reason: `in the default lexicon as "${shipped.term}"` });
        else if (existing !== undefined) skipped.push({ term: entry.term, reason: `already active as "${existing}"` });
        else {
          added.push(em.create(LexiconTerm, { ...termFields(entry), termKey: key, note: checkedNote, createdBy: actor }));
        }
      }
      if (added.length === 0) return { added: 0, skipped, revision: head.revision };
      const revision = bump(head);
      await this.audit.append(em, {
        actor,
        action: 'lexicon.imported',
        data: {
          source,
          sha256: createHash('sha256').update(text).digest('hex'),
          note: checkedNote,
          added: added.map((t) => ({ id: t.id, term: t.term, category: t.category, severity: t.severity, allow: t.allow, match: t.match })),
          skipped: skipped.length,
          revision,
        },
      });
      return { added: added.length, skipped, revision };
    });
  }

  /** The shipped terms by key, read once. */
  private defaultTerms(): Map<string, LexiconEntry> {
    this.defaults ??= new Map(defaultLexicon().map((e) => [termKey(e.term), e]));
    return this.defaults;
  }

  /**
   * The shipped lexicon is reviewed and versioned with the code and its samples: the scanner merges a same
   * term by taking the stricter severity and uniting allow phrases, so a custom copy could only loosen it
   * silently (allow phrases) or shadow it. Refused; change it in libs/scanner/data/default.lexicon.tsv.
   */
  private refuseDefault(key: string, term: string): void {
    const shipped = this.defaultTerms().get(key);
    if (shipped) {
      throw new DomainError('conflict', `"${term}" is in the shipped default lexicon as "${shipped.term}" (${shipped.category}, ${shipped.severity}); it is read-only here`, 'term');
    }
  }
}

function view(t: LexiconTerm): LexiconTermView {
  return {
    source: 'custom', id: t.id, term: t.term, category: t.category, severity: t.severity, allow: t.allow, match: t.match, active: t.active,
    note: t.note, createdBy: t.createdBy, createdAt: t.createdAt, updatedAt: t.updatedAt,
  };
}

/** The columns a checked entry fills. */
function termFields(entry: LexiconEntry): Pick<LexiconTerm, 'term' | 'category' | 'severity' | 'allow' | 'match'> {
  return { term: entry.term, category: entry.category, severity: entry.severity, allow: entry.allow ?? [], match: entry.match ?? 'substring' };
}

/** Taken first by every change, so changes run one at a time and each one's duplicate check sees the others. */
function lockRevision(em: EntityManager): Promise<LexiconRevision> {
  return em.findOneOrFail(LexiconRevision, { id: 1 }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

function bump(head: LexiconRevision): number {
  head.revision += 1;
  head.changedAt = new Date();
  return head.revision;
}

async function findTerm(em: EntityManager, id: string): Promise<LexiconTerm> {
  const term = await em.findOne(LexiconTerm, { id });
  if (!term) throw new DomainError('not_found', `lexicon term ${id} was not found`);
  return term;
}

async function refuseActive(em: EntityManager, key: string, term: string): Promise<void> {
  const existing = await em.getRepository(LexiconTerm).findActiveByKey(key);
  if (existing) throw new DomainError('conflict', `"${term}" is already an active term ("${existing.term}", id ${existing.id})`, 'term');
}
