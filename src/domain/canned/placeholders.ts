/** Values a canned reply's placeholders are filled with; a missing value becomes a neutral fallback. */
export interface PlaceholderValues {
  visitor: { name: string | null; email: string | null };
  agent: { name: string };
  workspace: { name: string };
}

export const PLACEHOLDERS = ['{visitor.name}', '{visitor.email}', '{agent.name}', '{workspace.name}'] as const;

/**
 * Fills `{visitor.name}`, `{visitor.email}`, `{agent.name}`, `{workspace.name}` (case-insensitive, spaces
 * inside the braces allowed). Unknown placeholders are left as written, so a typo stays visible to the agent.
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(/\{\s*(visitor|agent|workspace)\.(name|email)\s*\}/gi, (whole, scope: string, field: string) => {
    const key = `${scope.toLowerCase()}.${field.toLowerCase()}`;
    switch (key) {
      case 'visitor.name':
        return values.visitor.name?.trim() || 'there';
      case 'visitor.email':
        return values.visitor.email?.trim() || '';
      case 'agent.name':
        return values.agent.name;
      case 'workspace.name':
        return values.workspace.name;
      default:
        return whole;
    }
  });
}
