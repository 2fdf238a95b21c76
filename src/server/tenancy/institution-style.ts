/**
 * Pure: the institution's own stylesheet (issue 22). It overrides NL Design System (Utrecht)
 * tokens and Meldpunt's accent with the primary colour, which was checked for WCAG AA contrast
 * against white before it was stored (contrast.ts). Served as a file: the CSP allows only the
 * site's own stylesheets, no inline styles.
 */
export function institutionStylesheet(colourPrimary: string | null): string {
  if (!colourPrimary || !/^#[0-9a-f]{6}$/.test(colourPrimary)) return '/* the shipped theme */\n';
  const c = colourPrimary;
  return `/* the institution's own colours (issue 22) */
.utrecht-theme {
  --mp-accent: ${c};
  --utrecht-button-primary-action-background-color: ${c};
  --utrecht-button-secondary-action-border-color: ${c};
  --utrecht-button-secondary-action-color: ${c};
  --utrecht-link-color: ${c};
}
`;
}
