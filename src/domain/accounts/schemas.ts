import { z } from 'zod';
import { passwordProblem } from './password-policy';

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address' }));
/** Every NEW password (sign-up, agent creation, change) must pass the policy; sign-in only checks length. */
export const PasswordSchema = z
  .string()
  .max(200, 'Use at most 200 characters')
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const RoleSchema = z.enum(['admin', 'supervisor', 'agent']);

export const SignUpInput = z.object({
  workspaceName: z.string().trim().min(2, 'Workspace name must be at least 2 characters').max(100),
  name: z.string().trim().min(1, 'Enter your name').max(100),
  email: EmailSchema,
  password: PasswordSchema,
});

export const SignInInput = z.object({ email: EmailSchema, password: z.string().min(1).max(200) });

export const CreateAgentInput = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  email: EmailSchema,
  /** Omitted: the agent is invited by email and sets their own (src/domain/accounts/invitations.ts). */
  password: PasswordSchema.optional(),
  role: RoleSchema.default('agent'),
  receptionLimit: z.number().int().min(1).max(100).nullable().default(null),
  groupIds: z.array(z.uuid()).max(50).default([]),
});

export const UpdateAgentInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: RoleSchema,
    receptionLimit: z.number().int().min(1).max(100).nullable(),
    groupIds: z.array(z.uuid()).max(50),
    active: z.boolean(),
    password: PasswordSchema,
  })
  .partial();

export const SkillGroupInput = z.object({ name: z.string().trim().min(1, 'Enter a group name').max(60) });

export type SignUpInput = z.infer<typeof SignUpInput>;
export type CreateAgentInput = z.infer<typeof CreateAgentInput>;
export type UpdateAgentInput = z.infer<typeof UpdateAgentInput>;

/** Setting a password through an emailed link (invitation, reset). */
export const SetPasswordInput = z.object({ token: z.string().min(10, 'This link is incomplete').max(200), password: PasswordSchema });
