import type { UserSettingsDoc } from './user-settings';

export const USER_PREFIX = 'org.couchdb.user:';
/** User-settings docs a read asks for. */
const USERS_PAGE = 2000;

/** What the preview's coverage reads of a `user-settings` doc. */
const slimUser = ({ _id, type, name, fullname, contact_id, facility_id, roles, inactive }: UserSettingsDoc): UserSettingsDoc =>
  ({ _id, type, name, fullname, contact_id, facility_id, roles, inactive });

/**
 * The `user-settings` docs, for the preview's coverage: in `index` mode kept from the changes feed
 * (one per user, slimmed); in `view` mode read from the database by key range, and read again only
 * once the changes feed shows a user doc changed.
 */
export class IndexedUsers {
  /** `index` mode: the users as the changes feed had them at the last catch-up. */
  private readonly users = new Map<string, UserSettingsDoc>();
  /**
   * After a start from a checkpoint, the users are read by key range (one read, in the background);
   * the ids the changes feed updates meanwhile are noted so the read does not put back older versions.
   */
  private usersRead: Promise<void> | undefined = Promise.resolve();
  private changedWhileRead: Set<string> | undefined;
  /**
   * `view` mode: the users as last read by key range, kept until the changes feed (read without
   * docs) shows a user doc changed; `generation` counts those changes, so a read that overlapped
   * one is not kept.
   */
  private viewUsers: Promise<UserSettingsDoc[]> | undefined;
  private generation = 0;

  constructor(private readonly db: PouchDB.Database, private readonly mode: 'index' | 'view') {}

  /** Started from a checkpoint, which does not hold them: the users are read by key range when the preview first asks. */
  readWhenAsked() {
    this.usersRead = undefined;
  }

  /** `index` mode: the changes feed says this doc is gone. */
  removed(id: string) {
    this.users.delete(id);
    this.changedWhileRead?.add(id);
  }

  /** `index` mode: the changes feed brings this user doc. */
  changed(doc: UserSettingsDoc) {
    this.changedWhileRead?.add(doc._id);
    this.remember(doc);
  }

  /** `view` mode: a user doc changed, or every contact was forgotten. */
  outdated() {
    this.generation += 1;
    this.viewUsers = undefined;
  }

  /** The users, once `caughtUp` with the changes feed. */
  async all(caughtUp: () => Promise<void>): Promise<UserSettingsDoc[]> {
    if (this.mode === 'index') {
      await caughtUp();
      this.usersRead ??= this.readUsers();
      await this.usersRead.catch(() => (this.usersRead = this.readUsers()));
      return [...this.users.values()];
    }
    await caughtUp();
    if (!this.viewUsers) {
      const generation = this.generation;
      const read = this.userSettingsDocs();
      this.viewUsers = read;
      read.then(
        () => this.generation !== generation && this.viewUsers === read && (this.viewUsers = undefined),
        () => this.viewUsers === read && (this.viewUsers = undefined),
      );
    }
    return this.viewUsers;
  }

  /**
   * Every `user-settings` doc, slimmed, read by key range a page at a time: one read of 100,000
   * whole docs would hold them all at once.
   */
  private async userSettingsDocs(): Promise<UserSettingsDoc[]> {
    const users: UserSettingsDoc[] = [];
    for (let startkey = USER_PREFIX; ;) {
      const { rows } = await this.db.allDocs<UserSettingsDoc>({ startkey, endkey: `${USER_PREFIX}\ufff0`, limit: USERS_PAGE + 1, include_docs: true });
      for (const row of rows.slice(0, USERS_PAGE)) {
        if (row.doc && row.doc.type === 'user-settings') {
          users.push(slimUser(row.doc));
        }
      }
      if (rows.length <= USERS_PAGE) {
        return users;
      }
      startkey = rows[USERS_PAGE].id;
    }
  }

  /**
   * The users as they are now, read by key range: the checkpoint does not hold them. Held there, they
   * made it megabytes rewritten every second of a sync, and with 30,000 users the server's native
   * memory (not its JavaScript heap) grew to 20 GB within a minute of loading.
   */
  private async readUsers(): Promise<void> {
    const changed = (this.changedWhileRead = new Set());
    try {
      for (const doc of await this.userSettingsDocs()) {
        if (!changed.has(doc._id)) {
          this.remember(doc);
        }
      }
    } finally {
      this.changedWhileRead = undefined;
    }
  }

  private remember(doc: UserSettingsDoc) {
    if (doc.type !== 'user-settings') {
      this.users.delete(doc._id);
      return;
    }
    this.users.set(doc._id, slimUser(doc));
  }
}
