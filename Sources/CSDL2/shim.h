#ifndef NEUROGLOW_CSDL2_SHIM_H
#define NEUROGLOW_CSDL2_SHIM_H

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

/* Function-like macros are not imported into Swift (docs/DESIGN.md §8): wrap the ones we use. */

static inline int neuroglow_windowpos_centered(void) { return SDL_WINDOWPOS_CENTERED; }

static inline int neuroglow_save_bmp(SDL_Surface *surface, const char *path) {
    return SDL_SaveBMP(surface, path);
}

static inline SDL_Surface *neuroglow_load_bmp(const char *path) { return SDL_LoadBMP(path); }

static inline int neuroglow_blit_surface(SDL_Surface *src, const SDL_Rect *srcrect,
                                          SDL_Surface *dst, SDL_Rect *dstrect) {
    return SDL_BlitSurface(src, srcrect, dst, dstrect);
}

#endif
