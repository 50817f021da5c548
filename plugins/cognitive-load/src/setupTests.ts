import '@testing-library/jest-dom';

// Rendering tests share two cores with the rest of CI: give them room (no timing is asserted).
jest.setTimeout(30_000);
