/*
 * How Microsoft Teams (desktop, light theme) draws an Adaptive Card, as far as we need it to see our
 * cards the way a seller does: its font stack, colours, spacing and the width of a card in a chat.
 * The card-preview script and the headless render test both use these values, so what the test
 * measures is what the pictures show. They approximate Teams' own host config; Teams may change its
 * exact values with its design system, so treat this as "looks like Teams", not a pixel reference.
 */

/**
 * Teams' font stack. Segoe UI exists only on Windows; elsewhere Arial-metric fonts are closest in width:
 * Arimo is one, and the card page loads it from npm (@fontsource/arimo), as it loads Noto Sans SC for
 * Chinese, so the render check measures the same glyphs on every machine, fonts installed or not.
 */
export const TEAMS_FONT_FAMILY =
  '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, Arimo, "Liberation Sans", "Microsoft YaHei", "PingFang SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * The width of a bot's card in a Teams desktop chat. Teams shows cards between about 450 and 500 px
 * wide; we check and draw at the narrow end, where overflow shows first.
 */
export const TEAMS_CARD_WIDTH = 450;

/**
 * The colours of Teams' published host configs ("Microsoft Teams – Light" and "– Dark", in the
 * Adaptive Cards repository, samples/HostConfig/microsoft-teams-*.json; ARGB where they have an alpha):
 * the colours a card's text gets there. Some fail WCAG AA as text on their own background — Good
 * (#92C353) and Warning (#F8D22A) on white, Attention (#D74654) on dark grey — which is why our cards
 * give text only the default, subtle and accent colours, and show good, warning and attention as a
 * container's style (a pale background under default text). The render check measures it, in both themes.
 */
type Theme = 'light' | 'dark';

const PALETTE = {
  light: {
    text: { default: '#FF252424', subtle: '#BF252424' },
    onStyled: { default: '#FF252424', subtle: '#BF252424' },
    light: { default: '#FFFFFFFF', subtle: '#FFF3F2F1' },
    accent: { default: '#FF6264A7', subtle: '#FF8B8CC7' },
    good: { default: '#FF92C353', subtle: '#E592C353' },
    warning: { default: '#FFF8D22A', subtle: '#E5F8D22A' },
    attention: { default: '#FFC4314B', subtle: '#E5C4314B' },
    background: '#FFFFFF',
    emphasis: '#F9F8F7',
  },
  dark: {
    text: { default: '#FFFFFFFF', subtle: '#BFFFFFFF' },
    onStyled: { default: '#FF201F1F', subtle: '#FF2D2C2C' },
    light: { default: '#FFFFFFFF', subtle: '#BFFFFFFF' },
    accent: { default: '#FFA6A7DC', subtle: '#FF8B8CC7' },
    good: { default: '#FF92C353', subtle: '#E592C353' },
    warning: { default: '#FFF8D22A', subtle: '#E5F8D22A' },
    attention: { default: '#FFD74654', subtle: '#E5D74654' },
    background: '#2D2C2C',
    emphasis: '#292828',
  },
} as const;

/** Text colours by name (Default, Accent, Good, …) on a background whose own text colour is `text`. */
function foreground(theme: Theme, text: { default: string; subtle: string }) {
  const p = PALETTE[theme];
  return { default: text, dark: PALETTE.light.text, light: p.light, accent: p.accent, good: p.good, warning: p.warning, attention: p.attention };
}

/** Container styles: default and emphasis are the theme's; good, warning, attention and accent are pale in both themes (as in Teams). */
function containerStyles(theme: Theme) {
  const p = PALETTE[theme];
  const style = (backgroundColor: string, text: { default: string; subtle: string }) => ({ backgroundColor, foregroundColors: foreground(theme, text) });
  return {
    default: style(p.background, p.text),
    emphasis: style(p.emphasis, p.text),
    accent: style('#C7DEF9', p.onStyled),
    good: style('#CCFFCC', p.onStyled),
    attention: style('#FFC5B2', p.onStyled),
    warning: style('#FFE2B2', p.onStyled),
  };
}

/** Host config in the JSON form the `adaptivecards` renderer reads (`new HostConfig(json)`), for one theme. */
const hostConfig = (theme: Theme) => ({
  supportsInteractivity: true,
  choiceSetInputValueSeparator: ',',
  fontFamily: TEAMS_FONT_FAMILY,
  spacing: { small: 4, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: containerStyles(theme),
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    iconPlacement: 'leftOfTitle',
    iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: true },
  imageSet: { imageSize: 'medium', maxImageHeight: 100 },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', spacing: 'small', color: 'attention', weight: 'default' },
  },
});

export const TEAMS_LIGHT_HOST_CONFIG = hostConfig('light');
export const TEAMS_DARK_HOST_CONFIG = hostConfig('dark');
export const TEAMS_HOST_CONFIGS = { light: TEAMS_LIGHT_HOST_CONFIG, dark: TEAMS_DARK_HOST_CONFIG } as const;
export type TeamsTheme = keyof typeof TEAMS_HOST_CONFIGS;

/**
 * What the host page adds around the renderer's inline styles, in each theme: Teams-like buttons and
 * inputs, and the card's frame in a chat (a `theme-light` or `theme-dark` class on the page's stage
 * picks one). Only the look; no layout rule here may hide an overflow. Button colours meet WCAG AA
 * in both themes (white on Teams' brand purple is 5.4:1).
 */
const boxes = (scope: string): string =>
  ['.ac-input.ac-textInput', '.ac-input.ac-numberInput', '.ac-input.ac-dateInput', '.ac-input.ac-timeInput', 'input.ac-choiceSetInput-filtered', 'select.ac-input'].map((box) => `${scope} ${box}`.trim()).join(', ');

export const TEAMS_HOST_CSS = `
body { margin: 0; background: #F5F5F5; font-family: ${TEAMS_FONT_FAMILY}; }
.theme-dark { background: #1F1F1F; }
.teams-card { box-sizing: border-box; width: ${TEAMS_CARD_WIDTH}px; border-radius: 8px; overflow: visible; }
.theme-light .teams-card { background: ${PALETTE.light.background}; border: 1px solid #E0E0E0; color: #252424; }
.theme-dark .teams-card { background: ${PALETTE.dark.background}; border: 1px solid #3D3C3C; color: #FFFFFF; }
.teams-card .ac-adaptiveCard { border-radius: 8px; }
.ac-pushButton { font-family: ${TEAMS_FONT_FAMILY}; font-size: 14px; font-weight: 600; line-height: 20px; min-height: 32px;
  padding: 5px 12px; border: 1px solid; border-radius: 4px; }
.theme-light .ac-pushButton, .theme-light .ac-pushButton:hover { background: #FFFFFF; border-color: #D1D1D1; color: #252424; }
.theme-dark .ac-pushButton, .theme-dark .ac-pushButton:hover { background: #2D2C2C; border-color: #666666; color: #FFFFFF; }
.ac-pushButton.style-positive, .ac-pushButton.style-positive:hover { background: #6264A7 !important; border-color: #6264A7 !important; color: #FFFFFF !important; }
.theme-light .ac-pushButton.style-destructive { color: #C4314B; }
.theme-dark .ac-pushButton.style-destructive { color: #F1707B; }
.theme-light .ac-pushButton.expanded { background: #EBEBEB; border-color: #C7C7C7; }
.theme-dark .ac-pushButton.expanded { background: #3D3C3C; border-color: #8A8A8A; }
.ac-pushButton.expandable:after { font-family: ${TEAMS_FONT_FAMILY}; font-size: 10px; font-weight: 400; content: "\\25BE"; margin-left: 6px; }
.ac-pushButton.expandable.expanded:after { content: "\\25B4"; }
.ac-input { font-family: ${TEAMS_FONT_FAMILY}; font-size: 14px; }
${boxes('')} {
  box-sizing: border-box; min-height: 32px; padding: 5px 10px; border: 1px solid; border-radius: 4px; }
.theme-light .ac-input { color: #252424; }
.theme-dark .ac-input { color: #FFFFFF; }
${boxes('.theme-light')} { background: #FFFFFF; border-color: #D1D1D1; border-bottom-color: #616161; }
${boxes('.theme-dark')} { background: #1F1F1F; border-color: #666666; border-bottom-color: #ADADAD; }
.ac-input.ac-textInput.ac-multiline { height: 72px; }
.ac-input.ac-input-validation-failed { border-color: #C4314B; }
`;
