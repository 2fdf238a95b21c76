import { z } from 'zod';

/**
 * The rota form: `pos_<userId>` = a position number (empty = not on the rota), and the
 * escalation time in minutes. Gives the user ids in rota order.
 */
export const RotaInput = z.record(z.string(), z.string()).transform((v, ctx) => {
  const minutes = Number(v.escalationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    ctx.addIssue({
      code: 'custom',
      path: ['escalationMinutes'],
      message: 'validation.urgent.minutes',
    });
    return z.NEVER;
  }
  const positions = Object.entries(v)
    .filter(([k, val]) => k.startsWith('pos_') && val.trim() !== '')
    .map(([k, val]) => ({ id: k.slice(4), pos: Number(val) }))
    .filter((p) => Number.isFinite(p.pos))
    .sort((a, b) => a.pos - b.pos);
  return { escalationMinutes: minutes, userIds: positions.map((p) => p.id) };
});
