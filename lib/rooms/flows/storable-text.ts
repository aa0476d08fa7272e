import { z } from "zod";

/**
 * Text Postgres can store: no NUL (text and jsonb refuse it) and no lone UTF-16 surrogate (jsonb refuses its
 * escape). Refused with a 400 here rather than a 500 from the insert.
 */
export const storableText = z
  .string()
  .refine((value) => !value.includes("\u0000") && value.isWellFormed(), "contains a character that cannot be stored");
