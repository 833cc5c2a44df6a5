// drizzle-kit: `npm run db:generate` writes a new SQL migration under storage/migrations/ from storage/schema.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Tables live in storage/schema.ts and, per area, storage/schema-<area>.ts.
  schema: ['./storage/schema.ts', './storage/schema-*.ts'],
  out: './storage/migrations',
});
