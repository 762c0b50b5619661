// Serves the built page: files from dist/web as they are, and index.html for any other page route.
// Hashed assets are cached for good; index.html never is, so a new build shows at once.
import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import path from 'node:path';
import { isPageRoute } from './page-routes';
import { findWebRoot } from './web-root';

@Injectable()
export class PageMiddleware implements NestMiddleware {
  private readonly root = findWebRoot();
  private readonly files = this.root
    ? express.static(this.root, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    })
    : null;

  use(req: Request, res: Response, next: NextFunction): void {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isPageRoute(req.path) || !this.root || !this.files) return next();
    this.files(req, res, () => {
      if (path.extname(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(this.root as string, 'index.html'));
    });
  }
}
