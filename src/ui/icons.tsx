/** Transport icons as inline SVG: the ⏸/⟲ glyphs are missing from many fonts (they render as boxes). */
const common = { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M3 1.5v11l9-5.5z" fill="currentColor" />
  </svg>
);

export const PauseIcon = () => (
  <svg {...common}>
    <rect x="2.5" y="1.5" width="3" height="11" fill="currentColor" />
    <rect x="8.5" y="1.5" width="3" height="11" fill="currentColor" />
  </svg>
);

export const ResetIcon = () => (
  <svg {...common}>
    <rect x="1.5" y="1.5" width="2" height="11" fill="currentColor" />
    <path d="M12.5 1.5v11L4.5 7z" fill="currentColor" />
  </svg>
);
