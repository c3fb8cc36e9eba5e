/**
 * Every route of docs/api.md as a typed function: the paths live here and nowhere else. Ids are
 * percent-encoded into paths; requirement ids such as 2.4.7.13 pass through unchanged.
 */
import type { ReportFormat } from '../../../src/renderers/renderer.js';
import type { ApiClient } from './api-client.js';
import type {
  AddEvidenceBody,
  ApiToken,
  CatalogGuidelines,
  CatalogRequirements,
  ChangePasswordBody,
  CreatedToken,
  CreateProductBody,
  CreateTokenBody,
  CreateUserBody,
  EvidenceItem,
  EvidenceTarget,
  History,
  HistoryQuery,
  ImportResult,
  PasswordPolicy,
  Portfolio,
  PortfolioQuery,
  Product,
  ProductDetail,
  Profile,
  ProfileQuestions,
  PutProfileBody,
  PutProfileResponse,
  PutRecordBody,
  PutRecordResponse,
  Session,
  SetupBody,
  SetupStatus,
  UpdateProductBody,
  UpdateUserBody,
  User,
} from './api-types.js';

const V1 = '/api/v1';
const seg = encodeURIComponent;
const product = (id: string) => `${V1}/products/${seg(id)}`;

/** `requirement:2.4.7.13` or `guideline:10`, as the upload's `target` part. */
export function targetPart(target: EvidenceTarget): string {
  return `${target.kind}:${target.id}`;
}

export function endpoints(c: ApiClient) {
  return {
    setupStatus: () => c.request<SetupStatus>('GET', `${V1}/setup`),
    setup: (body: SetupBody) => c.request<Session>('POST', `${V1}/setup`, { json: body }),
    passwordPolicy: () => c.request<PasswordPolicy>('GET', `${V1}/password-policy`),
    login: (username: string, password: string) =>
      c.request<Session>('POST', `${V1}/session`, { json: { username, password } }),
    session: () => c.request<Session>('GET', `${V1}/session`),
    logout: () => c.request<null>('DELETE', `${V1}/session`),
    changePassword: (body: ChangePasswordBody) =>
      c.request<unknown>('PUT', `${V1}/session/password`, { json: body }),

    users: {
      list: () => c.request<{ items: User[] }>('GET', `${V1}/users`),
      create: (body: CreateUserBody) => c.request<User>('POST', `${V1}/users`, { json: body }),
      update: (id: string, body: UpdateUserBody) =>
        c.request<User>('PATCH', `${V1}/users/${seg(id)}`, { json: body }),
    },
    tokens: {
      list: () => c.request<{ items: ApiToken[] }>('GET', `${V1}/tokens`),
      create: (body: CreateTokenBody) => c.request<CreatedToken>('POST', `${V1}/tokens`, { json: body }),
      revoke: (id: string) => c.request<unknown>('DELETE', `${V1}/tokens/${seg(id)}`),
    },
    catalog: {
      guidelines: () => c.request<CatalogGuidelines>('GET', `${V1}/catalog/guidelines`),
      requirements: () => c.request<CatalogRequirements>('GET', `${V1}/catalog/requirements`),
      profileQuestions: () => c.request<ProfileQuestions>('GET', `${V1}/catalog/profile-questions`),
    },
    products: {
      list: (query: PortfolioQuery) =>
        c.request<Portfolio>('GET', `${V1}/products`, { query: query as Record<string, string | number> }),
      create: (body: CreateProductBody) => c.request<Product>('POST', `${V1}/products`, { json: body }),
      importNew: (form: FormData) => c.request<ImportResult>('POST', `${V1}/products/import`, { form }),
      get: (id: string) => c.request<ProductDetail>('GET', product(id)),
      update: (id: string, body: UpdateProductBody) =>
        c.request<Product>('PATCH', product(id), { json: body }),
      archive: (id: string, expectedRevision: number) =>
        c.request<Product>('POST', `${product(id)}/archive`, { json: { expectedRevision } }),
      unarchive: (id: string, expectedRevision: number) =>
        c.request<Product>('POST', `${product(id)}/unarchive`, { json: { expectedRevision } }),
      profile: (id: string) => c.request<Profile>('GET', `${product(id)}/profile`),
      putProfile: (id: string, body: PutProfileBody) =>
        c.request<PutProfileResponse>('PUT', `${product(id)}/profile`, { json: body }),
      putRecord: (id: string, requirementId: string, body: PutRecordBody) =>
        c.request<PutRecordResponse>('PUT', `${product(id)}/requirements/${seg(requirementId)}`, {
          json: body,
        }),
      putAttestation: (id: string, guidelineId: string, body: PutRecordBody) =>
        c.request<PutRecordResponse>('PUT', `${product(id)}/attestations/${seg(guidelineId)}`, {
          json: body,
        }),
      addEvidence: (id: string, body: AddEvidenceBody) =>
        c.request<EvidenceItem>('POST', `${product(id)}/evidence`, { json: body }),
      uploadEvidence: (id: string, target: EvidenceTarget, file: File, title: string | null) => {
        const form = new FormData();
        // Fields before the file: the server reads parts in order and needs the target first.
        form.append('target', targetPart(target));
        if (title) form.append('title', title);
        form.append('file', file, file.name);
        return c.request<EvidenceItem>('POST', `${product(id)}/evidence/files`, { form });
      },
      deleteEvidence: (id: string, evidenceId: string) =>
        c.request<unknown>('DELETE', `${product(id)}/evidence/${seg(evidenceId)}`),
      history: (id: string, query: HistoryQuery) =>
        c.request<History>('GET', `${product(id)}/history`, {
          query: query as Record<string, string | number>,
        }),
      import: (id: string, form: FormData) =>
        c.request<ImportResult>('POST', `${product(id)}/import`, { form }),
    },
    links: {
      evidenceContent: (id: string, evidenceId: string) =>
        c.url(`${product(id)}/evidence/${seg(evidenceId)}/content`),
      export: (id: string) => c.url(`${product(id)}/export`),
      report: (id: string, format: ReportFormat) => c.url(`${product(id)}/report`, { format }),
      openApi: () => c.url('/api/docs'),
    },
  };
}

export type Api = ReturnType<typeof endpoints>;
