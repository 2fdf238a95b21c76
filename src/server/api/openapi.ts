import {
  FOLLOW_UPS,
  GENDERS,
  LOCATIONS,
  PERSON_ROLES,
  REPORTER_GOALS,
  VIAS,
} from '../../domain/taxonomy.js';
import { CASE_STATUSES } from '../../domain/case-status.js';
import { STAFF_CHANNELS } from '../cases/registration.schema.js';
import { PROBLEMS } from './problems.js';

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
  description: 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const referenceParam = {
  name: 'reference',
  in: 'path',
  required: true,
  description: 'The case reference within the token\u2019s team, e.g. 2025-0001',
  schema: { type: 'string', pattern: '^\\d{4}-\\d{4,9}$' },
};
const json = (ref: string) => ({ 'application/json': { schema: { $ref: ref } } });
const caseResponse = (description: string) => ({
  description,
  content: json('#/components/schemas/CaseRecord'),
});
const statusResponse = (description: string) => ({
  description,
  content: json('#/components/schemas/CaseStatus'),
});
const date = { type: 'string', format: 'date' };
const nullableDate = { type: ['string', 'null'], format: 'date' };
const deadlines = {
  type: 'object',
  required: ['acknowledgeBy', 'feedbackBy'],
  properties: {
    acknowledgeBy: date,
    acknowledgedOn: nullableDate,
    feedbackBy: date,
    feedbackGivenOn: nullableDate,
    nextDueOn: nullableDate,
    nextCheckInOn: nullableDate,
  },
};
const statusProperties = {
  status: { type: 'string', enum: [...CASE_STATUSES] },
  nextStatuses: { type: 'array', items: { type: 'string', enum: [...CASE_STATUSES] } },
  followUp: { type: ['string', 'null'] },
  closedOn: nullableDate,
  deadlines: { $ref: '#/components/schemas/Deadlines' },
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
          summary:
            'Aggregate figures of one year for the token\u2019s team (scope: statistics:read)',
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
          summary: 'Case records of one year without any content (scope: cases:read)',
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
        post: {
          operationId: 'registerCase',
          summary:
            'Register a report that reached the team by another channel (scope: cases:register)',
          description:
            'Content is sealed as for a report registered by staff; the deadlines follow from receivedOn. Send an Idempotency-Key so that a retry makes no second case: the same key with the same body answers the first case (200, Idempotent-Replayed: true); with another body, 422. A key is remembered for 24 hours.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 1, maxLength: 200 },
            },
          ],
          requestBody: { required: true, content: json('#/components/schemas/Registration') },
          responses: {
            201: caseResponse('The case was registered'),
            200: caseResponse(
              'A retry with the same Idempotency-Key: the case made the first time',
            ),
            400: error,
            401: error,
            403: error,
            422: error,
            429: error,
          },
        },
      },
      '/problems/{code}': {
        get: {
          operationId: 'describeProblem',
          summary:
            'What a problem type means (no token needed): the `type` of every problem answer',
          security: [],
          parameters: [
            {
              name: 'code',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: Object.keys(PROBLEMS) },
            },
          ],
          responses: {
            200: {
              description: 'The problem type',
              content: json('#/components/schemas/ProblemType'),
            },
            404: error,
          },
        },
      },
      '/cases/{reference}': {
        get: {
          operationId: 'getCase',
          summary:
            'One case of the token\u2019s team without content, with its deadlines (scope: cases:read)',
          parameters: [referenceParam],
          responses: {
            200: caseResponse('The case'),
            401: error,
            403: error,
            404: error,
            429: error,
          },
        },
      },
      '/cases/{reference}/messages': {
        post: {
          operationId: 'postCaseMessage',
          summary:
            'Post a message to the reporter\u2019s mailbox as the team\u2019s advisers (scope: correspondence:write)',
          parameters: [referenceParam],
          requestBody: { required: true, content: json('#/components/schemas/MessageInput') },
          responses: {
            201: {
              description: 'The message was stored (sealed) and the reporter notified',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['messageId'],
                    properties: { messageId: { type: 'string', format: 'uuid' } },
                  },
                },
              },
            },
            400: error,
            401: error,
            403: error,
            404: error,
            422: error,
            429: error,
          },
        },
      },
      '/cases/{reference}/status': {
        get: {
          operationId: 'getCaseStatus',
          summary:
            'A case\u2019s status, the statuses it may move to and its deadlines (scope: cases:read or cases:status)',
          parameters: [referenceParam],
          responses: {
            200: statusResponse('The status'),
            401: error,
            403: error,
            404: error,
            429: error,
          },
        },
        post: {
          operationId: 'changeCaseStatus',
          summary:
            'Move a case through the status machine (scope: cases:status); a change the machine refuses answers 422',
          parameters: [referenceParam],
          requestBody: { required: true, content: json('#/components/schemas/StatusChange') },
          responses: {
            200: statusResponse('The new status'),
            400: error,
            401: error,
            403: error,
            404: error,
            422: error,
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
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details; `error` is a short code.',
          required: ['type', 'title', 'status', 'error'],
          properties: {
            type: {
              type: 'string',
              format: 'uri-reference',
              description: 'The problem type, /api/v1/problems/{code}: fetch it for what it means',
            },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            error: { type: 'string' },
            errors: {
              type: 'array',
              description: 'The fields that were refused',
              items: {
                type: 'object',
                required: ['pointer', 'field', 'detail'],
                properties: {
                  pointer: { type: 'string', description: 'JSON pointer into the request body' },
                  field: { type: 'string' },
                  detail: { type: 'string' },
                },
              },
            },
          },
        },
        ProblemType: {
          type: 'object',
          required: ['type', 'code', 'status', 'description'],
          properties: {
            type: { type: 'string', format: 'uri-reference' },
            code: { type: 'string' },
            status: { type: 'integer' },
            description: { type: 'string' },
          },
        },
        Deadlines: deadlines,
        CaseRecord: {
          type: 'object',
          required: ['reference', 'receivedOn', 'channel', 'category', 'status', 'deadlines'],
          properties: {
            reference: { type: 'string' },
            receivedOn: date,
            channel: { type: 'string' },
            category: { type: 'string' },
            subtype: { type: ['string', 'null'] },
            ...statusProperties,
          },
        },
        CaseStatus: {
          type: 'object',
          required: ['reference', 'status', 'nextStatuses', 'deadlines'],
          properties: { reference: { type: 'string' }, ...statusProperties },
        },
        Registration: {
          type: 'object',
          description:
            'The fields of a registration by staff. The team is the token\u2019s; category and subtype are keys the team offers.',
          required: [
            'receivedOn',
            'channel',
            'via',
            'reporterRole',
            'reporterGender',
            'category',
            'location',
            'accusedRole',
            'anonymous',
            'narrative',
          ],
          properties: {
            receivedOn: date,
            channel: { type: 'string', enum: [...STAFF_CHANNELS] },
            via: { type: 'string', enum: [...VIAS] },
            intermediary: {
              type: 'string',
              maxLength: 300,
              description: 'Required unless via is self',
            },
            reporterRole: { type: 'string', enum: [...PERSON_ROLES] },
            reporterGender: { type: 'string', enum: [...GENDERS] },
            category: { type: 'string' },
            subtype: { type: 'string' },
            location: { type: 'string', enum: [...LOCATIONS] },
            accusedRole: { type: 'string', enum: [...PERSON_ROLES] },
            goal: { type: 'string', enum: [...REPORTER_GOALS] },
            anonymous: { type: 'boolean' },
            name: { type: 'string', maxLength: 200, description: 'Required unless anonymous' },
            contact: { type: 'string', maxLength: 200 },
            narrative: { type: 'string', minLength: 1, maxLength: 20000 },
          },
        },
        MessageInput: {
          type: 'object',
          required: ['body'],
          properties: { body: { type: 'string', minLength: 1, maxLength: 20000 } },
        },
        StatusChange: {
          type: 'object',
          required: ['to'],
          properties: {
            to: { type: 'string', enum: [...CASE_STATUSES] },
            reason: { type: 'string', description: 'Required to reopen a closed case' },
            followUp: {
              type: 'string',
              enum: [...FOLLOW_UPS],
              description: 'Required to close',
            },
            closedOn: { ...date, description: 'Required to close' },
            aftercareWeeks: { type: 'integer', minimum: 1, maximum: 52 },
          },
        },
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
