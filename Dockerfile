# One image for every role: the command chooses api, worker or migrate.
FROM node:20-bookworm-slim
# Chromium renders PDFs and public web pages; the Noto fonts cover Vietnamese.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-core fonts-dejavu-core ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts=false && npm cache clean --force
# tsx runs the TypeScript sources directly (no build step to drift from the code).
RUN npm install --no-save tsx@4.23.15
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data CHROMIUM_PATH=/usr/bin/chromium
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npx", "tsx", "src/http/main.ts"]
