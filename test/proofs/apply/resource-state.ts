/**
 * What AWS knows about a resource when it authorizes a call on it and the request does not say:
 * a KMS key's tags (`aws:ResourceTag/*`) and aliases (`kms:ResourceAliases`), the key an alias
 * points to, an IAM role's path (part of its ARN). The proxy learns it from the traffic it relays
 * (requests and the answers), per account, before and after each call.
 */
export interface KmsKeyState {
  tags: Record<string, string>;
  aliases: Set<string>;
}

export class ResourceState {
  /** account -> key id -> state */
  private readonly keys = new Map<string, Map<string, KmsKeyState>>();
  /** account -> alias name -> key id */
  private readonly aliases = new Map<string, Map<string, string>>();
  /** account -> role name -> path */
  private readonly rolePaths = new Map<string, Map<string, string>>();

  private of<T>(map: Map<string, Map<string, T>>, account: string): Map<string, T> {
    let inner = map.get(account);
    if (!inner) map.set(account, (inner = new Map()));
    return inner;
  }

  key(account: string, keyId: string): KmsKeyState | undefined {
    return this.of(this.keys, account).get(keyId);
  }

  addKey(account: string, keyId: string, tags: Record<string, string>): void {
    this.of(this.keys, account).set(keyId, { tags: { ...tags }, aliases: new Set() });
  }

  tagKey(account: string, keyId: string, tags: Record<string, string>): void {
    const key = this.key(account, keyId);
    if (key) Object.assign(key.tags, tags);
  }

  untagKey(account: string, keyId: string, tagKeys: readonly string[]): void {
    const key = this.key(account, keyId);
    if (key)
      key.tags = Object.fromEntries(Object.entries(key.tags).filter(([name]) => !tagKeys.includes(name)));
  }

  /** The key id an alias name (`alias/x`) points to. */
  aliasTarget(account: string, alias: string): string | undefined {
    return this.of(this.aliases, account).get(alias);
  }

  pointAlias(account: string, alias: string, keyId: string | undefined): void {
    const previous = this.aliasTarget(account, alias);
    if (previous) this.key(account, previous)?.aliases.delete(alias);
    if (keyId === undefined) {
      this.of(this.aliases, account).delete(alias);
      return;
    }
    this.of(this.aliases, account).set(alias, keyId);
    this.key(account, keyId)?.aliases.add(alias);
  }

  rolePath(account: string, roleName: string): string {
    return this.of(this.rolePaths, account).get(roleName) ?? "/";
  }

  addRole(account: string, roleName: string, path: string): void {
    this.of(this.rolePaths, account).set(roleName, path);
  }

  /** account -> task definition family -> revisions registered */
  private readonly revisions = new Map<string, Map<string, number>>();

  nextRevision(account: string, family: string): number {
    return (this.of(this.revisions, account).get(family) ?? 0) + 1;
  }

  registerRevision(account: string, family: string): void {
    this.of(this.revisions, account).set(family, this.nextRevision(account, family));
  }
}
