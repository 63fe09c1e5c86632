import {
  ChangeEmailRequestSchema,
  ChangeEmailResponseSchema,
  ChangePasswordRequestSchema,
  ChangePasswordResponseSchema,
  DeleteAccountRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
  RegisterResponseSchema,
  SuggestUsernameResponseSchema,
  UpgradeRequestSchema,
  WsTokenResponseSchema,
} from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as accounts from '../../services/accounts.ts';
import type { Deps } from '../../services/deps.ts';
import { clearAuthCookies, REFRESH_COOKIE, setAuthCookies } from '../cookies.ts';
import { me } from '../plugins/auth.ts';
import { authRouteLimit } from '../plugins/rate-limit.ts';
import { errorResponses, emptyBodyIsObject } from '../route-helpers.ts';


/** Accounts and sessions (SPEC §2). */
export default async function authRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const signIn = { public: true, rateLimit: authRouteLimit(deps.config) };
  const tags = ['auth'];
  const refreshTokenOf = (req: FastifyRequest, body: { refresh_token?: string }) => body.refresh_token ?? req.cookies[REFRESH_COOKIE];

  app.post('/player', { schema: { tags, security: [], body: RegisterRequestSchema, response: { 201: RegisterResponseSchema, ...errorResponses } }, config: signIn }, async (req, reply) => {
    const r = await accounts.register(deps, req.body.email, req.body.password);
    setAuthCookies(reply, deps.config, r);
    return reply.code(201).send(r);
  });

  app.post('/auth/guest', { schema: { tags, security: [], response: { 201: RegisterResponseSchema, ...errorResponses } }, config: signIn }, async (_req, reply) => {
    const r = await accounts.createGuest(deps);
    setAuthCookies(reply, deps.config, r);
    return reply.code(201).send(r);
  });

  app.post('/auth/upgrade', { schema: { tags, body: UpgradeRequestSchema, response: { 200: RegisterResponseSchema, ...errorResponses } } }, async (req, reply) => {
    const r = await accounts.upgradeGuest(deps, me(req).id, req.body.email, req.body.password);
    setAuthCookies(reply, deps.config, r);
    return r;
  });

  app.post('/auth/login', { schema: { tags, security: [], body: LoginRequestSchema, response: { 200: LoginResponseSchema, ...errorResponses } }, config: signIn }, async (req, reply) => {
    const r = await accounts.login(deps, req.body.email, req.body.password);
    setAuthCookies(reply, deps.config, r);
    return r;
  });

  app.post(
    '/auth/refresh',
    { schema: { tags, security: [], body: RefreshRequestSchema, response: { 200: LoginResponseSchema, ...errorResponses } }, config: signIn, preValidation: emptyBodyIsObject },
    async (req, reply) => {
      const r = await accounts.refresh(deps, refreshTokenOf(req, req.body));
      setAuthCookies(reply, deps.config, r);
      return r;
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, security: [], body: RefreshRequestSchema, response: { 204: { type: 'null' }, ...errorResponses } }, config: { public: true }, preValidation: emptyBodyIsObject },
    async (req, reply) => {
      await accounts.logout(deps, refreshTokenOf(req, req.body));
      clearAuthCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.get('/auth/suggest-username', { schema: { tags, security: [], response: { 200: SuggestUsernameResponseSchema } }, config: { public: true } }, async () => ({
    suggested_username: await accounts.suggestUsername(deps),
  }));

  app.get('/auth/ws-token', { schema: { tags, response: { 200: WsTokenResponseSchema, ...errorResponses } } }, async (req) => accounts.issueWsToken(deps, me(req).id, me(req).username));

  app.post('/player/password', { schema: { tags: ['player'], body: ChangePasswordRequestSchema, response: { 200: ChangePasswordResponseSchema, ...errorResponses } } }, async (req, reply) => {
    const r = await accounts.changePassword(deps, me(req).id, req.body.current_password, req.body.new_password);
    setAuthCookies(reply, deps.config, r);
    return r;
  });

  app.patch('/player/email', { schema: { tags: ['player'], body: ChangeEmailRequestSchema, response: { 200: ChangeEmailResponseSchema, ...errorResponses } } }, async (req) =>
    accounts.changeEmail(deps, me(req).id, req.body.email, req.body.password),
  );

  app.delete('/player/account', { schema: { tags: ['player'], body: DeleteAccountRequestSchema, response: { 204: { type: 'null' }, ...errorResponses } } }, async (req, reply) => {
    await accounts.deleteAccount(deps, me(req).id, req.body.password);
    clearAuthCookies(reply);
    return reply.code(204).send(null);
  });
}
