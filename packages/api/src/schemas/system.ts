import { Type } from 'typebox';

export const RootResponseSchema = Type.Object({
  message: Type.String(),
  version: Type.String(),
  environment: Type.String(),
  docs: Type.String(),
  play: Type.String(),
});
export const HealthResponseSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  database: Type.Union([Type.Literal('connected'), Type.Literal('disconnected')]),
  redis: Type.Union([Type.Literal('connected'), Type.Literal('memory'), Type.Literal('disconnected')]),
});
