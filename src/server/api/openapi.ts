/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
const entry = {
  type: 'object',
  required: ['key', 'label', 'count', 'percent', 'previousCount', 'previousPercent'],
  properties: {
    key: { type: 'string' },
    label: { type: 'string' },
    count: { type: 'integer' },
    percent: { type: 'integer' },
    previousCount: { type: 'integer' },
    previousPercent: { type: 'integer' },
  },
};

const error = {
  description: 'Error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const yearParam = {
  name: 'year',
  in: 'query',
  required: true,
  schema: { type: 'integer', minimum: 1990, maximum: 2100 },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meldpunt integration API',
      version: '1.0.0',
      description:
        'JSON for integrations. Every call needs a bearer token with the scope the operation names. Calls are throttled per token (HTTP 429).',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearerToken: [] }],
    paths: {
      '/statistics/annual': {
        get: {
          operationId: 'getAnnualStatistics',
          summary: 'Aggregate figures of one year for the token\u2019s team (scope: statistics)',
          parameters: [
            yearParam,
            {
              name: 'lang',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['nl', 'en'] },
            },
          ],
          responses: {
            200: {
              description: 'The annual figures',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/AnnualReport' } },
              },
            },
            400: error,
            401: error,
            403: error,
            429: error,
          },
        },
      },
      '/cases': {
        get: {
          operationId: 'listCases',
          summary: 'Case records of one year without any content (scope: cases:metadata)',
          parameters: [yearParam],
          responses: {
            200: {
              description: 'Case records',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['cases'],
                    properties: {
                      cases: {
                        type: 'array',
                        items: { $ref: '#/components/schemas/CaseMetadata' },
                      },
                    },
                  },
                },
              },
            },
            400: error,
            401: error,
            403: error,
            429: error,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key created by an administrator (Administration › API keys).',
        },
      },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Entry: entry,
        AnnualReport: {
          type: 'object',
          required: ['team', 'year', 'total', 'previousYear', 'previousTotal', 'byCategory'],
          properties: {
            team: { type: 'string' },
            year: { type: 'integer' },
            total: { type: 'integer' },
            previousYear: { type: 'integer' },
            previousTotal: { type: 'integer' },
            byCategory: {
              type: 'array',
              items: {
                allOf: [
                  { $ref: '#/components/schemas/Entry' },
                  {
                    type: 'object',
                    properties: {
                      subtypes: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            key: { type: 'string' },
                            label: { type: 'string' },
                            count: { type: 'integer' },
                          },
                        },
                      },
                    },
                  },
                ],
              },
            },
            byOrgUnit: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            byGender: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            byChannel: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            byVia: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            byRelation: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            byFollowUp: { type: 'array', items: { $ref: '#/components/schemas/Entry' } },
            partnerCounts: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  service: { type: 'string' },
                  category: { type: ['string', 'null'] },
                  count: { type: 'integer' },
                },
              },
            },
          },
        },
        CaseMetadata: {
          type: 'object',
          required: ['reference', 'receivedOn', 'category', 'status'],
          properties: {
            reference: { type: 'string' },
            receivedOn: { type: 'string', format: 'date' },
            category: { type: 'string' },
            subtype: { type: ['string', 'null'] },
            status: { type: 'string' },
            followUp: { type: ['string', 'null'] },
            closedOn: { type: ['string', 'null'], format: 'date' },
          },
        },
      },
    },
  };
}
