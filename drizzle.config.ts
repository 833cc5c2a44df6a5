// drizzle-kit: `npm run db:generate` writes a new SQL migration under storage/migrations/ from storage/schema.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './storage/schema.ts',
  out: './storage/migrations',
});
