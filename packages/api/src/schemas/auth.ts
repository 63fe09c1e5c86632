import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';

export const Email = Type.String({ minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const RegisterRequestSchema = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export const LoginRequestSchema = RegisterRequestSchema;
export const UpgradeRequestSchema = RegisterRequestSchema;
export const RefreshRequestSchema = Type.Object(
  { refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) },
  { additionalProperties: false },
);

export const TokenPairFields = {
  access_token: Type.String(),
  refresh_token: Type.String(),
  expires_in: Type.Integer(),
  token_type: Type.Literal('bearer'),
};

export const LoginResponseSchema = Type.Object({
  player_id: Uuid,
  username: Type.String(),
  ...TokenPairFields,
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

export const RegisterResponseSchema = Type.Object({
  player_id: Uuid,
  username: Type.String(),
  ...TokenPairFields,
  balance: Type.Integer(),
  message: Type.String(),
  is_guest: Type.Boolean(),
});
export type RegisterResponse = Static<typeof RegisterResponseSchema>;

export const SuggestUsernameResponseSchema = Type.Object({ suggested_username: Type.String() });
export const WsTokenResponseSchema = Type.Object({
  token: Type.String(),
  expires_in: Type.Integer(),
  token_type: Type.Literal('bearer'),
});

export const ChangePasswordRequestSchema = Type.Object(
  { current_password: Password, new_password: Password },
  { additionalProperties: false },
);
export const ChangePasswordResponseSchema = Type.Object({ message: Type.String(), ...TokenPairFields });
export const ChangeEmailRequestSchema = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export const ChangeEmailResponseSchema = Type.Object({ email: Type.String() });
export const DeleteAccountRequestSchema = Type.Object({ password: Password }, { additionalProperties: false });
