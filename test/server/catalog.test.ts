import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import {
  type Caller,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

const ctx = contextLoader().contextFor(undefined);

describe('the catalog for the web app', () => {
  let server: TestServer;
  let viewer: Caller;
  beforeAll(async () => {
    server = await startTestServer();
    viewer = await userWithRole(server, await setUpAdministrator(server), 'viewer');
  });
  afterAll(async () => server.close());

  it('lists the 13 guidelines with their texts and mapped requirements, as the catalog has them', async () => {
    const r = await send(server.app, viewer, 'GET', '/api/v1/catalog/guidelines');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = r.json();
    expect(body.items).toHaveLength(13);
    expect(
      body.items.filter((g: { topPriority: boolean }) => g.topPriority).map((g: { id: string }) => g.id),
    ).toEqual(['1', '2', '3']);
    const g12 = body.items.find((g: { id: string }) => g.id === '12');
    expect(g12.title).toBe(ctx.targetById.get('12')?.title);
    expect(g12.title).toBe('Make installation and maintenance of devices easy');
    const g10 = body.items.find((g: { id: string }) => g.id === '10');
    expect(g10.requirements).toEqual([]);
    expect(g10.unmappedNote).toBe(ctx.unmappedTargets.get('10')?.note);
    // Per guideline, the distinct requirements of the mapping file's links, in file order.
    const links: { source: string; target: string }[] = JSON.parse(
      readFileSync('data/mappings/iotsf-cf-1.1--dcms-cop-2018.json', 'utf8'),
    ).links;
    for (const g of body.items as { id: string; requirements: string[] }[]) {
      const expected = [...new Set(links.filter((l) => l.target === g.id).map((l) => l.source))];
      expect(g.requirements, `guideline ${g.id}`).toEqual(expected);
    }
  });

  it('lists every requirement with its section, guidelines, derived stakeholders and condition', async () => {
    const body = (await send(server.app, viewer, 'GET', '/api/v1/catalog/requirements')).json();
    expect(body.items).toHaveLength(126);
    expect(body.sections.map((s: { id: string }) => s.id)).toContain('2.4.7');
    const mqtt = body.items.find((i: { id: string }) => i.id === '2.4.7.13');
    expect(mqtt.text).toBe(ctx.sourceById.get('2.4.7.13')?.text);
    expect(mqtt.section).toBe('2.4.7');
    expect(mqtt.condition).toMatchObject({ basis: 'explicit', facts: ['mqtt'] });
    expect(mqtt.condition.quote).toBe(ctx.ruleOf.get('2.4.7.13')?.quote);
    // Stakeholders: those of the guidelines it maps to (the CoP names them per guideline).
    const expected = new Set(
      mqtt.guidelines.flatMap((g: string) => ctx.targetById.get(g)?.stakeholders ?? []),
    );
    expect(new Set(mqtt.stakeholders)).toEqual(expected);
    const unnumbered = body.items.filter((i: { number: string | null }) => i.number === null);
    expect(unnumbered).toHaveLength(1);
  });

  it('lists the profile questions with help and gating', async () => {
    const body = (await send(server.app, viewer, 'GET', '/api/v1/catalog/profile-questions')).json();
    expect(body.items.map((q: { id: string }) => q.id)).toEqual(ctx.facts.facts.map((f) => f.id));
    const wps = body.items.find((q: { id: string }) => q.id === 'wps');
    expect(wps.askWhen).toEqual({ fact: 'wifi' });
    expect(wps.help).toBe(ctx.facts.facts.find((f) => f.id === 'wps')?.help);
  });
});
