import { createHash } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { DomainError } from '../domain/errors.ts';

export type TokenUse = 'access' | 'ws';

export interface AccessClaims {
  sub: string;
  username: string;
  use: TokenUse;
}

/** HS256 JWTs (jose). Time comes from the injected clock, so expiry is testable without sleeping. */
export class TokenService {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: { sub: string; username: string }, use: TokenUse, now: Date, ttlSeconds: number): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ username: claims.username, use })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.key);
  }

  /** Verifies signature and expiry at `now`. Throws token_expired or invalid_token. */
  async verify(token: string, now: Date, accept: TokenUse[] = ['access']): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: now });
      const use = (payload.use ?? 'access') as TokenUse;
      if (typeof payload.sub !== 'string' || !accept.includes(use)) throw new DomainError('invalid_token');
      return { sub: payload.sub, username: String(payload.username ?? ''), use };
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new DomainError('token_expired');
      throw new DomainError('invalid_token');
    }
  }
}

/** Refresh tokens are stored only as their SHA-256 (they are 256-bit random, so no salt or slow hash is needed). */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');
