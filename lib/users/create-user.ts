import { z } from "zod";
import { db } from "@/lib/db";
import { refuseControlCharacters } from "@/lib/schemas/common";
import { hashPassword } from "./password";

export const createUserInput = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(10, "at least 10 characters").max(200),
  role: z.enum(["admin", "partner_member"]),
  partnerId: z.uuid().optional(),
  name: refuseControlCharacters(z.string().max(120)).optional(),
});

export class UserEmailTaken extends Error {}

export async function createUser(input: z.input<typeof createUserInput>) {
  const data = createUserInput.parse(input);
  if (data.role === "partner_member" && !data.partnerId) throw new Error("a partner member needs a partner");
  if (await db.user.findUnique({ where: { email: data.email } })) {
    throw new UserEmailTaken(`a user with email ${data.email} already exists`);
  }
  const { password, ...rest } = data;
  return db.user.create({ data: { ...rest, passwordHash: await hashPassword(password) } });
}
