/**
 * Users, API tokens and sessions in Redis. Only hashes are stored: a password's scrypt
 * hash, a token's and a session id's SHA-256; the secret itself is shown once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { isRole, type Principal, type Role } from './roles.js';

const SESSION_SECONDS = 8 * 3600;
const LOCKOUT_AFTER = 10;
const LOCKOUT_SECONDS = 15 * 60;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class Credentials {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private userKey(name: string) { return `${this.prefix}:user:${name}`; }
  private tokenKey(token: string) { return `${this.prefix}:apitoken:${sha256(token)}`; }
  private sessionKey(id: string) { return `${this.prefix}:session:${sha256(id)}`; }
  private failuresKey(name: string) { return `${this.prefix}:login-failures:${sha256(name)}`; }

  async addUser(name: string, role: Role, password: string): Promise<void> {
    if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(name)) throw new RangeError('user names are 2–64 characters: a-z, 0-9, . _ -');
    await this.redis.hset(this.userKey(name), { role, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() });
  }

  /** The user's principal when the password is right; spends the same time when the user does not exist. */
  async checkPassword(name: string, password: string): Promise<Principal | 'locked' | undefined> {
    if (Number((await this.redis.get(this.failuresKey(name))) ?? 0) >= LOCKOUT_AFTER) return 'locked';
    const user = await this.redis.hgetall(this.userKey(name));
    const ok = await verifyPassword(password, user.passwordHash ?? DUMMY_HASH);
    if (ok && isRole(user.role)) {
      await this.redis.del(this.failuresKey(name));
      return { kind: 'user', name, role: user.role };
    }
    await this.redis.multi().incr(this.failuresKey(name)).expire(this.failuresKey(name), LOCKOUT_SECONDS).exec();
    return undefined;
  }

  /** A new API token (shown once) for a machine. */
  async createToken(name: string, role: Role): Promise<string> {
    const token = `hub_${randomBytes(32).toString('base64url')}`;
    await this.redis.hset(this.tokenKey(token), { name, role, createdAt: new Date().toISOString() });
    return token;
  }

  async revokeToken(token: string): Promise<boolean> {
    return (await this.redis.del(this.tokenKey(token))) > 0;
  }

  async principalOfToken(token: string): Promise<Principal | undefined> {
    const hash = await this.redis.hgetall(this.tokenKey(token));
    return isRole(hash.role) ? { kind: 'token', name: hash.name ?? 'token', role: hash.role } : undefined;
  }

  /** Starts a session: returns its id (the cookie value) and its CSRF token. */
  async startSession(principal: Principal): Promise<{ id: string; csrf: string }> {
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    await this.redis.multi()
      .hset(this.sessionKey(id), { name: principal.name, role: principal.role, csrf, createdAt: new Date().toISOString() })
      .expire(this.sessionKey(id), SESSION_SECONDS)
      .exec();
    return { id, csrf };
  }

  async session(id: string): Promise<{ principal: Principal; csrf: string } | undefined> {
    const hash = await this.redis.hgetall(this.sessionKey(id));
    if (!isRole(hash.role) || !hash.csrf) return undefined;
    await this.redis.expire(this.sessionKey(id), SESSION_SECONDS);
    return { principal: { kind: 'user', name: hash.name ?? '', role: hash.role }, csrf: hash.csrf };
  }

  async endSession(id: string): Promise<void> {
    await this.redis.del(this.sessionKey(id));
  }
}
