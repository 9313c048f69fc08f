// Side-effect CSS imports are resolved by Vite; this tells TypeScript they exist.
declare module '*.css';
