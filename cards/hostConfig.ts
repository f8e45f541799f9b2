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

const TEXT = { default: '#242424', subtle: '#616161' };

/** Text colours by name (Default, Accent, Good, …); chosen dark enough to read on white, as Teams does. */
const FOREGROUND = {
  default: TEXT,
  dark: TEXT,
  light: { default: '#FFFFFF', subtle: '#F5F5F5' },
  accent: { default: '#5B5FC7', subtle: '#7579EB' },
  good: { default: '#0E700E', subtle: '#107C10' },
  warning: { default: '#8A4B00', subtle: '#9D5D00' },
  attention: { default: '#C4314B', subtle: '#D13438' },
};

const style = (backgroundColor: string, borderColor?: string) => ({
  backgroundColor,
  ...(borderColor ? { borderColor } : {}),
  foregroundColors: FOREGROUND,
});

/** Host config in the JSON form the `adaptivecards` renderer reads (`new HostConfig(json)`). */
export const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  choiceSetInputValueSeparator: ',',
  fontFamily: TEAMS_FONT_FAMILY,
  spacing: { small: 4, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: style('#FFFFFF'),
    emphasis: style('#F5F5F5', '#E0E0E0'),
    accent: style('#EBEBFA', '#C5C7F1'),
    good: style('#F1FAF1', '#9FD89F'),
    attention: style('#FDF3F4', '#EEACB2'),
    warning: style('#FFF9F5', '#FDCFB4'),
  },
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
} as const;

/**
 * What the host page adds around the renderer's inline styles: Teams-like buttons and inputs, and
 * the card's frame in a chat. Only the look; no layout rule here may hide an overflow.
 */
export const TEAMS_HOST_CSS = `
body { margin: 0; background: #F5F5F5; font-family: ${TEAMS_FONT_FAMILY}; color: ${TEXT.default}; }
.teams-card { box-sizing: border-box; width: ${TEAMS_CARD_WIDTH}px; background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 8px; overflow: visible; }
.teams-card .ac-adaptiveCard { border-radius: 8px; }
.ac-pushButton { font-family: ${TEAMS_FONT_FAMILY}; font-size: 14px; font-weight: 600; line-height: 20px; min-height: 32px;
  padding: 5px 12px; border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF; color: ${TEXT.default}; }
.ac-pushButton:hover { background: #F5F5F5; color: ${TEXT.default}; border-color: #C7C7C7; }
.ac-pushButton.style-positive, .ac-pushButton.style-positive:hover { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
.ac-pushButton.style-destructive, .ac-pushButton.style-destructive:hover { background: #FFFFFF; border-color: #D1D1D1; color: #C4314B; }
.ac-pushButton.expanded { background: #EBEBEB; color: ${TEXT.default}; border-color: #C7C7C7; }
.ac-pushButton.expandable:after { font-family: ${TEAMS_FONT_FAMILY}; font-size: 10px; font-weight: 400; content: "\\25BE"; margin-left: 6px; }
.ac-pushButton.expandable.expanded:after { content: "\\25B4"; }
.ac-input { font-family: ${TEAMS_FONT_FAMILY}; font-size: 14px; color: ${TEXT.default}; }
.ac-input.ac-textInput, .ac-input.ac-numberInput, .ac-input.ac-dateInput, .ac-input.ac-timeInput, select.ac-input {
  box-sizing: border-box; min-height: 32px; padding: 5px 10px; border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; background: #FFFFFF; }
.ac-input.ac-textInput.ac-multiline { height: 72px; }
.ac-input.ac-input-validation-failed { border-color: #C4314B; }
`;
