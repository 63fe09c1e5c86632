import type { FastifyReply } from 'fastify';
import type { Config } from '../config.ts';

export const ACCESS_COOKIE = 'quipflip_access_token';
export const REFRESH_COOKIE = 'quipflip_refresh_token';

/** HTTP-only cookies (SPEC §2.4–2.5): the access cookie serves WebSocket handshakes, the refresh cookie /auth/refresh. */
export function setAuthCookies(reply: FastifyReply, config: Config, tokens: { access_token: string; refresh_token: string }): void {
  const secure = config.ENVIRONMENT !== 'development'; // SPEC §2.5: Secure outside development
  reply.setCookie(ACCESS_COOKIE, tokens.access_token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: config.ACCESS_TOKEN_EXP_MINUTES * 60,
  });
  reply.setCookie(REFRESH_COOKIE, tokens.refresh_token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: config.REFRESH_TOKEN_EXP_DAYS * 86_400,
  });
}

export function clearAuthCookies(reply: FastifyReply): void {
  reply.clearCookie(ACCESS_COOKIE, { path: '/' });
  reply.clearCookie(REFRESH_COOKIE, { path: '/' });
}
