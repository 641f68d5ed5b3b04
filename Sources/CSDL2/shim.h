#ifndef NEUROGLOW_CSDL2_SHIM_H
#define NEUROGLOW_CSDL2_SHIM_H

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <malloc.h>

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

/* glibc raises its mmap threshold each time a mapped block is freed, so after the first
   window-sized texture is freed, the next ones come from the heap and, their sizes varying with
   the window's, fragment it: resident memory then grows with every resize or recording. A fixed
   threshold keeps blocks of this size or more mapped, returned to the system when freed. */
static inline void neuroglow_map_large_blocks(size_t bytes) { mallopt(M_MMAP_THRESHOLD, (int)bytes); }

/* Memory freed in the middle of the heap stays with the process until the blocks around it are
   freed too; malloc_trim hands its whole free pages back to the system. */
static inline void neuroglow_return_free_memory(void) { malloc_trim(0); }

#endif
