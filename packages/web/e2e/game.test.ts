/**
 * A person's path through the web client (DESIGN §5 "e2e"): Chromium against the real server,
 * started in-process by ./harness.ts. One guest writes an original, two players copy it on phones,
 * three vote, the phraseset finalizes (the harness moves the server clock), the writer collects the
 * prize, and a registered player changes the password and logs back in. Every main screen is
 * screenshotted (artifacts/screenshots/) and checked with axe-core (artifacts/axe-report.json).
 *
 * Skips, saying why, when /usr/bin/chromium (or CHROMIUM_PATH) is missing: apt-get install -y chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as t } from '../src/i18n/en.ts';
import { axe, DESKTOP, launchBrowser, MOBILE, screenshotsTaken, shot } from './browser.ts';
import { buildWeb, CHROMIUM, hasChromium, startServer, type TestServer } from './harness.ts';

if (!hasChromium) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
// CI installs Chromium (.ci/run): there a missing browser is a failure, not a skip.
if (!hasChromium && process.env.CI) throw new Error(`no Chromium at ${CHROMIUM}: the browser tests cannot run`);

/** The server's clock runs this far ahead of the browser's: countdowns must follow the server's. */
const SERVER_AHEAD_MS = 7 * 60_000;
const PASSWORD = 'Sup3rSecret1';
const NEW_PASSWORD = 'N3wSecret22';

interface Player {
  ctx: BrowserContext;
  page: Page;
  errors: string[];
  rateLimited: string[];
}

describe.skipIf(!hasChromium)('web client end to end', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let webRoot: string;
  const players: Player[] = [];
  let writer: Player;
  let registered: Player;
  const email = `e2e.${Date.now()}@example.com`;
  let base: string;

  beforeAll(async () => {
    const t0 = Date.now();
    webRoot = mkdtempSync(join(tmpdir(), 'quipflip-web-'));
    const { output } = buildWeb(webRoot);
    console.log(output.split('\n').find((l) => l.includes('Quipflip bundle')) ?? '');
    server = await startServer({ webRoot, clockOffsetMs: SERVER_AHEAD_MS });
    base = server.url;
    browser = await launchBrowser();
    console.log(`[e2e] setup ${Date.now() - t0} ms`);
  }, 120_000);

  afterAll(async () => {
    for (const p of players) await p.ctx.close().catch(() => {});
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
    console.log(`[e2e] screenshots: ${screenshotsTaken().join(', ')}`);
  }, 60_000);

  async function newPlayer(opts: BrowserContextOptions): Promise<Player> {
    const ctx = await browser.newContext({ ...opts, baseURL: base });
    const page = await ctx.newPage();
    const p: Player = { ctx, page, errors: [], rateLimited: [] };
    page.on('pageerror', (e) => p.errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() === 429) p.rateLimited.push(r.url());
    });
    players.push(p);
    return p;
  }

  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name });
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name, level: 1 });

  async function expectNoSeriousA11y(page: Page, name: string) {
    const bad = await axe(page, name);
    expect(bad, `${name}: ${JSON.stringify(bad, null, 2)}`).toEqual([]);
  }

  async function guestToDashboard(p: Player, landingShot?: string) {
    await p.page.goto('/play/');
    if (landingShot) {
      await heading(p.page, t.landing.title).waitFor();
      await shot(p.page, landingShot);
    }
    await button(p.page, t.landing.playGuest).click();
    await p.page.waitForURL('**/play/tutorial');
    await button(p.page, t.tutorial.skip).click();
    await p.page.waitForURL('**/play/home');
    await p.page.getByTestId('balance').waitFor();
  }

  async function typePhrase(page: Page, phrase: string) {
    const input = page.getByLabel(t.round.yourPhrase);
    await input.fill('');
    await input.pressSequentially(phrase, { delay: 20 });
  }

  it('serves the built client under /play/ with the right cache headers and deep links', async () => {
    const root = await fetch(`${base}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/play/');
    await root.arrayBuffer();
    const index = await fetch(`${base}/play/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/play\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const js = await fetch(`${base}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await js.arrayBuffer();
    const deep = await fetch(`${base}/play/results/0b7c9a52-5a0e-4a55-9f7e-3c0e8f3f2a11`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    const manifest = await fetch(`${base}/play/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect((await manifest.json()).start_url).toBe('/play/');
    for (const icon of ['icon.svg', 'icon-192.png', 'icon-512.png', 'maskable.png', 'apple.png']) {
      const r = await fetch(`${base}/play/${icon}`);
      expect(r.status, icon).toBe(200);
      expect(r.headers.get('cache-control'), icon).toBe('no-cache');
      await r.arrayBuffer();
    }
  });

  it('a guest starts in one tap, takes the tour and lands on the dashboard (desktop)', async () => {
    writer = await newPlayer(DESKTOP);
    const { page } = writer;
    await page.goto('/');
    await page.waitForURL('**/play/');
    await heading(page, t.landing.title).waitFor();
    await shot(page, 'landing-desktop');
    await expectNoSeriousA11y(page, 'landing');

    await button(page, t.landing.playGuest).click();
    await page.waitForURL('**/play/tutorial');
    await page.getByRole('heading', { name: t.tutorial.steps.welcome!.title }).waitFor();
    await shot(page, 'tutorial-desktop');
    await expectNoSeriousA11y(page, 'tutorial');
    for (const step of ['dashboard', 'prompt_round', 'copy_round', 'vote_round']) {
      await button(page, t.tutorial.next).click();
      await page.getByRole('heading', { name: t.tutorial.steps[step]!.title }).waitFor();
    }
    await button(page, t.tutorial.finish).click();
    await page.waitForURL('**/play/home');
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe(t.coins(5000));
    await page.getByRole('heading', { name: t.dashboard.playTitle }).waitFor();
    await shot(page, 'dashboard-desktop');
    await expectNoSeriousA11y(page, 'dashboard');
  });

  it('the guest writes an original: live validation, a countdown on the server clock, submit', async () => {
    const { page } = writer;
    await button(page, t.dashboard.prompt.start(100)).click();
    await page.waitForURL('**/play/round');
    await heading(page, t.round.prompt.title).waitFor();

    // The server clock is 7 minutes ahead of the browser's: a countdown on the local clock would read ~10:00.
    const timer = page.getByRole('timer');
    await expect.poll(async () => (await timer.textContent()) ?? '').toMatch(/^(3:00|2:[5-9]\d)$/);

    await typePhrase(page, 'qzxv');
    await expect.poll(() => page.locator('#phrase-status').textContent(), { timeout: 5000 }).toContain('not in the dictionary');
    expect(await button(page, t.round.submit).isDisabled()).toBe(true);

    await typePhrase(page, 'purple octopus');
    await expect.poll(() => page.locator('#phrase-status').textContent(), { timeout: 5000 }).toContain(t.round.looksGood);
    await shot(page, 'prompt-round-desktop');
    await expectNoSeriousA11y(page, 'prompt round');

    await button(page, t.round.submit).click();
    await heading(page, t.round.submittedTitle).waitFor();
    await page.getByText('PURPLE OCTOPUS').first().waitFor();
    await button(page, new RegExp(t.round.feedback.like)).click();
    await page.getByText(t.round.feedback.thanks).waitFor();
    await shot(page, 'prompt-submitted-desktop');

    await page.getByRole('link', { name: t.round.playAgain }).click();
    await page.waitForURL('**/play/home');
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe(t.coins(4900));
  });

  it('two players copy on phones: duplicate checks, a draft survives leaving, a submit survives going offline', async () => {
    // First copier: goes offline while submitting; the same Idempotency-Key is retried when back online.
    const b = await newPlayer(MOBILE);
    await guestToDashboard(b, 'landing-mobile');
    await shot(b.page, 'dashboard-mobile');
    await button(b.page, t.dashboard.copy.start(50)).click();
    await b.page.waitForURL('**/play/round');
    await heading(b.page, t.round.copy.title).waitFor();
    await b.page.getByText('PURPLE OCTOPUS').waitFor();
    await typePhrase(b.page, 'purple squid');
    await expect.poll(() => b.page.locator('#phrase-status').textContent(), { timeout: 5000 }).toContain("'PURPLE'");
    await typePhrase(b.page, 'violet squid');
    await expect.poll(() => b.page.locator('#phrase-status').textContent(), { timeout: 5000 }).toContain(t.round.looksGood);
    await shot(b.page, 'copy-round-mobile');
    await expectNoSeriousA11y(b.page, 'copy round');

    await b.ctx.setOffline(true);
    await button(b.page, t.round.submit).click();
    await b.page.getByText(t.connection.offline).waitFor();
    await b.page.getByText(t.connection.retrying).waitFor();
    await shot(b.page, 'copy-round-offline-mobile');
    await b.ctx.setOffline(false);
    await heading(b.page, t.round.submittedTitle).waitFor({ timeout: 20_000 });
    await b.page.getByText('VIOLET SQUID').waitFor();

    // Second copier: the other copy's words are off limits (without quoting them); the draft is kept.
    const c = await newPlayer(MOBILE);
    await guestToDashboard(c);
    await button(c.page, t.dashboard.copy.start(50)).click();
    await heading(c.page, t.round.copy.title).waitFor();
    await typePhrase(c.page, 'lilac squid');
    await expect.poll(() => c.page.locator('#phrase-status').textContent(), { timeout: 5000 }).toContain('too close to another phrase in this set');
    await typePhrase(c.page, 'green whale');
    await expect.poll(() => c.page.locator('#phrase-status').textContent(), { timeout: 5000 }).toContain(t.round.looksGood);
    await c.page.reload(); // a deep link reloads into the same round, text intact
    await c.page.getByText(t.round.draftRestored).waitFor();
    await c.page.goto('/play/'); // leaving the round screen entirely keeps it too
    await c.page.waitForURL('**/play/home');
    await c.page.getByRole('link', { name: t.dashboard.continueRound }).click();
    await c.page.getByText(t.round.draftRestored).waitFor();
    expect(await c.page.getByLabel(t.round.yourPhrase).inputValue()).toBe('green whale');
    await button(c.page, t.round.submit).click();
    await heading(c.page, t.round.submittedTitle).waitFor();
  });

  it('three players vote (one registers first), with a confirmation before each vote', async () => {
    registered = await newPlayer(MOBILE);
    const { page } = registered;
    await page.goto('/play/');
    await page.getByRole('link', { name: t.landing.register }).click();
    await heading(page, t.auth.registerTitle).waitFor();
    await shot(page, 'register-mobile');
    await expectNoSeriousA11y(page, 'register');
    await page.getByLabel(t.auth.email).fill(email);
    await page.getByLabel(t.auth.password, { exact: true }).fill(PASSWORD);
    await button(page, t.auth.registerSubmit).click();
    await page.waitForURL('**/play/tutorial');
    await button(page, t.tutorial.skip).click();
    await page.waitForURL('**/play/home');

    const votes: Array<[Player, string, boolean]> = [[registered, 'PURPLE OCTOPUS', true]];
    votes.push([await newPlayer(DESKTOP), 'GREEN WHALE', false]);
    votes.push([await newPlayer(MOBILE), 'PURPLE OCTOPUS', true]);
    for (const [i, [p, choice, correct]] of votes.entries()) {
      if (i > 0) await guestToDashboard(p);
      await button(p.page, t.dashboard.vote.start(10)).click();
      await heading(p.page, t.round.vote.title).waitFor();
      for (const phrase of ['PURPLE OCTOPUS', 'VIOLET SQUID', 'GREEN WHALE']) await button(p.page, phrase).waitFor();
      if (i === 0) {
        await shot(p.page, 'vote-round-mobile');
        await expectNoSeriousA11y(p.page, 'vote round');
      }
      await button(p.page, choice).click();
      const dialog = p.page.getByRole('dialog', { name: t.round.vote.confirmTitle });
      await dialog.waitFor();
      if (i === 0) await shot(p.page, 'vote-confirm-mobile');
      await dialog.getByRole('button', { name: t.round.vote.confirmYes }).click();
      await heading(p.page, correct ? t.round.vote.correctTitle : t.round.vote.wrongTitle).waitFor();
      if (i === 0) await shot(p.page, 'vote-result-mobile');
    }
  });

  it('voting closes; the writer sees the reveal and collects the prize', async () => {
    // Three votes start the closing window (VOTE_MINIMUM_WINDOW_SECONDS); move the server past it.
    await server.advance(server.config.VOTE_MINIMUM_WINDOW_SECONDS + 2);
    const { page } = writer;
    await page.goto('/play/');
    await page.waitForURL('**/play/home');
    await page.getByRole('heading', { name: t.dashboard.unclaimedTitle }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: new RegExp(`^${t.dashboard.collect}`) }).first().click();
    await page.waitForURL('**/play/results/**');
    await heading(page, t.results.title).waitFor();
    await page.getByText(t.results.reveal).waitFor();

    // Pool 200 + 3×10 − 2×20 = 190; points: original 2×1, GREEN WHALE 1×2 → the writer gets 190 × 2/4 = 95.
    await button(page, t.results.claim(95)).waitFor();
    await shot(page, 'results-desktop');
    await expectNoSeriousA11y(page, 'results');
    await button(page, t.results.claim(95)).click();
    await page.getByText(t.results.claimed(95, 4995)).waitFor();
    await shot(page, 'results-claimed-desktop');

    await page.getByRole('link', { name: t.nav.home }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe(t.coins(4995));
    expect(await server.ledgerProblems()).toEqual([]);
  });

  it('the writer browses history with filters, quests, statistics, leaderboard and coin history', async () => {
    const { page } = writer;
    await page.getByRole('link', { name: t.nav.history }).click();
    await heading(page, t.history.title).waitFor();
    await page.getByText(t.history.count(1, 1)).waitFor();
    await page.getByLabel(t.history.role).selectOption('copy');
    await page.getByText(t.history.empty).waitFor();
    await page.getByLabel(t.history.role).selectOption('prompt');
    await page.getByLabel(t.history.status).selectOption('finalized');
    await page.getByText(t.history.count(1, 1)).waitFor();
    await shot(page, 'history-desktop');
    await expectNoSeriousA11y(page, 'history');

    for (const [tab, name, title] of [
      [t.nav.quests, 'quests', t.quests.title],
      [t.nav.stats, 'stats', t.stats.title],
    ] as const) {
      await page.getByRole('link', { name: tab }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shot(page, `${name}-desktop`);
      await expectNoSeriousA11y(page, name);
    }
    await page.getByRole('link', { name: t.stats.tabs.leaderboard }).click();
    await heading(page, new RegExp(`${t.leaderboard.title}|${t.comingSoon.title}`)).waitFor();
    await shot(page, 'leaderboard-desktop');
    await expectNoSeriousA11y(page, 'leaderboard');
    await page.getByRole('link', { name: t.stats.tabs.coins }).click();
    await heading(page, t.coinsPage.title).waitFor();
    await page.getByText(t.coinsPage.types.prize_payout!).waitFor();
    await shot(page, 'coins-desktop');
  });

  it('a stale access token is refreshed with the cookie, without bothering the player', async () => {
    const { page } = writer;
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('quipflip.session')!);
      localStorage.setItem('quipflip.session', JSON.stringify({ ...s, accessToken: 'not-a-valid-token' }));
    });
    await page.goto('/play/');
    await page.waitForURL('**/play/home');
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe(t.coins(4995));
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('quipflip.session')!).accessToken as string);
    expect(token).not.toBe('not-a-valid-token');
  });

  it('a registered player changes the password, logs out and logs back in (phone)', async () => {
    const { page } = registered;
    await page.getByRole('link', { name: t.backToDashboard }).click();
    await page.getByRole('link', { name: t.nav.settings }).click();
    await heading(page, t.settings.title).waitFor();
    await shot(page, 'settings-mobile');
    await expectNoSeriousA11y(page, 'settings');

    await page.getByLabel(t.auth.currentPassword, { exact: true }).fill(PASSWORD);
    await page.getByLabel(t.auth.newPassword, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(t.auth.confirmPassword).fill(NEW_PASSWORD);
    await button(page, t.settings.passwordSubmit).click();
    await page.getByText(t.settings.passwordChanged).waitFor();

    await button(page, t.settings.logout).click();
    await page.waitForURL(/\/play\/?$/);
    await page.getByText(t.landing.loggedOut).waitFor();
    await page.getByRole('link', { name: t.landing.login }).click();
    await heading(page, t.auth.loginTitle).waitFor();
    await shot(page, 'login-mobile');
    await expectNoSeriousA11y(page, 'login');

    await page.getByLabel(t.auth.email).fill(email);
    await page.getByLabel(t.auth.password, { exact: true }).fill(PASSWORD);
    await button(page, t.auth.loginSubmit).click();
    await page.getByText(t.errors.codes.invalid_credentials).waitFor();
    await page.getByLabel(t.auth.password, { exact: true }).fill(NEW_PASSWORD);
    await button(page, t.auth.loginSubmit).click();
    await page.waitForURL('**/play/home');
    // 5000 − 10 for the vote + 20 for the right answer.
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe(t.coins(5010));
  });

  it('a guest on a phone abandons a round after confirming, then saves the account', async () => {
    const g = await newPlayer(MOBILE);
    await guestToDashboard(g);
    await button(g.page, t.dashboard.prompt.start(100)).click();
    await heading(g.page, t.round.prompt.title).waitFor();
    await shot(g.page, 'prompt-round-mobile');
    await button(g.page, t.round.abandon).click();
    const dialog = g.page.getByRole('dialog', { name: t.round.abandonTitle });
    await dialog.getByText(t.round.abandonBody(95, 5)).waitFor();
    await shot(g.page, 'abandon-confirm-mobile');
    await dialog.getByRole('button', { name: t.round.abandonConfirm }).click();
    await g.page.getByText(t.round.abandoned(95)).waitFor();
    await g.page.getByRole('link', { name: t.backToDashboard }).click();
    await expect.poll(() => g.page.getByTestId('balance').textContent()).toBe(t.coins(4995));

    await g.page.getByRole('link', { name: t.dashboard.guestSave }).click();
    await g.page.getByRole('heading', { name: t.settings.upgradeTitle }).waitFor();
    await g.page.getByLabel(t.auth.email).fill(`saved.${email}`);
    await g.page.getByLabel(t.auth.password, { exact: true }).fill(PASSWORD);
    await button(g.page, t.settings.upgradeSubmit).click();
    await g.page.getByText(t.settings.upgraded).waitFor();
    await g.page.getByRole('heading', { name: t.settings.passwordTitle }).waitFor();
    expect(await g.page.getByText(t.nav.guest, { exact: true }).count()).toBe(0);
    expect(await server.ledgerProblems()).toEqual([]);
  });

  it('nobody hit the rate limit and no page threw', () => {
    for (const p of players) {
      expect(p.rateLimited).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
