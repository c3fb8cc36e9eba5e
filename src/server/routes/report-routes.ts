/**
 * Report downloads: any format of `iotassure report --format`, rendered from the one report model
 * the product page shows (built by the core from the stored state; nothing is computed here).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RENDERERS } from '../../renderers/registry.js';
import { getProductDetail } from '../../workspace/product-detail.js';
import { VIEWER } from '../access/route-access.js';
import { reportQuerySchema } from '../api/exchange-schemas.js';
import { productIdParamsSchema } from '../api/product-schemas.js';
import { sendDownload } from '../presenters/download-headers.js';
import { downloadBaseName, downloadTypeOf } from '../presenters/report-formats.js';
import type { ServerContext } from '../server-context.js';

export const reportRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  app.get(
    '/api/v1/products/:productId/report',
    {
      config: { access: VIEWER },
      schema: {
        tags: ['exchange'],
        params: productIdParamsSchema,
        querystring: reportQuerySchema,
        description: 'The report as a download in the chosen format.',
      },
    },
    async (request, reply) => {
      const { report } = await getProductDetail(context.workspace, request.params.productId);
      const format = request.query.format;
      const render = await RENDERERS[format]();
      const body = await render(report, { color: false });
      const type = downloadTypeOf(format);
      return sendDownload(
        reply,
        body,
        `${downloadBaseName(report.product.name)}-report.${type.extension}`,
        type.mediaType,
      );
    },
  );
};
