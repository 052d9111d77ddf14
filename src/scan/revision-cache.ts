/**
 * A value rebuilt whenever a revision number kept elsewhere (the database) changes. Every `get` reads the
 * revision (one cheap query); a rebuild runs once at a time however many callers see the change.
 */
export class RevisionCache<T> {
  private value?: T;
  private revision?: number;
  private building?: Promise<{ value: T; revision: number }>;

  constructor(
    private readonly readRevision: () => Promise<number>,
    /** Builds the value for at least the given revision; returns the revision it was actually built from. */
    private readonly build: (revision: number) => Promise<{ value: T; revision: number }>,
  ) {}

  /** The value for the current revision, rebuilding it first if the revision moved. */
  async get(): Promise<T> {
    return this.at(await this.readRevision());
  }

  /** The value for a revision the caller read itself (with a query of its own), rebuilding it first if that moved. */
  async at(revision: number): Promise<T> {
    if (this.value !== undefined && this.revision === revision) return this.value;
    return this.rebuild(revision);
  }

  /** The revision the held value was built from, if any. */
  get loadedRevision(): number | undefined {
    return this.revision;
  }

  /** The value held now without asking for the revision (undefined before the first build). */
  get current(): T | undefined {
    return this.value;
  }

  private async rebuild(revision: number): Promise<T> {
    // One build at a time: callers that saw the same change wait for it, a newer change waits its turn.
    while (this.building) {
      const done = await this.building.catch(() => undefined);
      if (done && done.revision >= revision && this.value !== undefined) return this.value;
    }
    const building = this.build(revision);
    this.building = building;
    try {
      // Builds never overlap, so the one that finished last read the database last.
      const done = await building;
      this.value = done.value;
      this.revision = done.revision;
      return done.value;
    } finally {
      if (this.building === building) this.building = undefined;
    }
  }
}
